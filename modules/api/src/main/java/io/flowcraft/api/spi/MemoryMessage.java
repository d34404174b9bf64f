package io.flowcraft.api.spi;

import java.util.Objects;

/**
 * One message of a person's remembered conversation.
 *
 * @param role      {@code user} (what the person was told) or {@code assistant} (what it answered)
 * @param content   the text
 * @param nodeId    the node whose turn it was
 * @param iteration that node's run (0 for its first)
 * @param person    the person whose turn it was: who was told the {@code user} message and who
 *                  answered the {@code assistant} one. A conversation handed on from another person
 *                  keeps its speakers, so the receiver can tell their words from its own. Blank when
 *                  unknown (a conversation written by hand or by a non-person node).
 */
public record MemoryMessage(String role, String content, String nodeId, int iteration, String person) {
    /** @throws NullPointerException if a component is null */
    public MemoryMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(person, "person");
    }

    /**
     * This message as a message to send to an LLM, as it was said.
     *
     * @return role and content
     */
    public LlmMessage toLlm() {
        return new LlmMessage(role, content);
    }

    /**
     * Whether this is the same message as {@code other} (same turn, role and text), whichever
     * conversation each came from.
     *
     * @param other another message
     * @return true when both record the same words of the same turn
     */
    public boolean sameAs(MemoryMessage other) {
        return role.equals(other.role) && content.equals(other.content) && nodeId.equals(other.nodeId)
                && iteration == other.iteration && person.equals(other.person);
    }
}
