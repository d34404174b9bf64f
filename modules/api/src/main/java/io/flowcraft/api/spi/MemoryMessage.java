package io.flowcraft.api.spi;

import java.util.Objects;

/**
 * One message of a person's remembered conversation.
 *
 * @param role      {@code user} or {@code assistant}
 * @param content   the text
 * @param nodeId    the node whose turn it was
 * @param iteration that node's run (0 for its first)
 */
public record MemoryMessage(String role, String content, String nodeId, int iteration) {
    /** @throws NullPointerException if a component is null */
    public MemoryMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(nodeId, "nodeId");
    }

    /**
     * This message as a message to send to an LLM.
     *
     * @return role and content
     */
    public LlmMessage toLlm() {
        return new LlmMessage(role, content);
    }
}
