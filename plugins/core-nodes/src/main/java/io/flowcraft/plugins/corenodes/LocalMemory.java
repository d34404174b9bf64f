package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.ConversationMemory;
import io.flowcraft.api.spi.MemoryMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ConversationMemory} held in this object only: the stand-in when the host keeps no
 * memory (then a person remembers nothing between node runs). Thread-safe.
 */
final class LocalMemory implements ConversationMemory {
    private final Map<String, List<MemoryMessage>> conversations = new HashMap<>();

    @Override
    public synchronized List<MemoryMessage> conversation(String person) {
        return List.copyOf(conversations.getOrDefault(person, List.of()));
    }

    @Override
    public synchronized void append(String person, List<MemoryMessage> messages) {
        conversations.computeIfAbsent(person, p -> new ArrayList<>()).addAll(messages);
    }

    @Override
    public synchronized void clear(String person) {
        conversations.remove(person);
    }

    @Override
    public synchronized void replace(String person, List<MemoryMessage> messages) {
        conversations.put(person, new ArrayList<>(messages));
    }
}
