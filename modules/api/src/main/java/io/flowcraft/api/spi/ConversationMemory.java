package io.flowcraft.api.spi;

import java.util.List;

/**
 * What the people (LLM agents) of one run remember: each person's conversation, oldest message
 * first, shared by every node that speaks as that person. The host keeps it with the run, persists
 * it in the execution record, and shows it there; executors choose which part of it a call sees
 * (all of it, only their own turns, none). Thread-safe.
 */
public interface ConversationMemory {
    /**
     * A person's conversation so far.
     *
     * @param person the person's name in the diagram's {@code persons}
     * @return the messages, oldest first (an immutable copy; empty for someone who never spoke)
     */
    List<MemoryMessage> conversation(String person);

    /**
     * Adds messages to a person's conversation (one turn: the prompt and the answer).
     *
     * @param person   the person
     * @param messages the messages, in order
     */
    void append(String person, List<MemoryMessage> messages);

    /**
     * Forgets a person's conversation.
     *
     * @param person the person
     */
    void clear(String person);

    /**
     * Replaces a person's conversation (a conversation handed on along an edge).
     *
     * @param person   the person
     * @param messages the new conversation
     */
    void replace(String person, List<MemoryMessage> messages);

    /**
     * Adds to a person's conversation the messages of a handed-on conversation that it does not
     * hold yet ({@link MemoryMessage#sameAs}), in their order: a conversation handed back and forth
     * between people grows without repeating itself.
     *
     * @param person   the person receiving the conversation
     * @param messages the handed-on conversation
     * @return the messages that were new
     */
    default List<MemoryMessage> merge(String person, List<MemoryMessage> messages) {
        List<MemoryMessage> held = conversation(person);
        List<MemoryMessage> fresh = messages.stream().filter(m -> held.stream().noneMatch(m::sameAs)).toList();
        if (!fresh.isEmpty()) {
            append(person, fresh);
        }
        return fresh;
    }
}
