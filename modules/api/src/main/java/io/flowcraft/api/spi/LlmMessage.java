package io.flowcraft.api.spi;

import java.util.Objects;

/**
 * One message of a conversation with an LLM.
 *
 * @param role    {@code system}, {@code user} or {@code assistant}
 * @param content the text
 */
public record LlmMessage(String role, String content) {
    /** @throws NullPointerException if a component is null */
    public LlmMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }
}
