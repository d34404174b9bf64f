package io.flowcraft.api.spi;

import java.util.Objects;

/**
 * A completed chat response.
 *
 * @param text  the generated text
 * @param usage the tokens used
 * @param model the model that answered
 */
public record LlmResponse(String text, TokenUsage usage, String model) {
    /** @throws NullPointerException if a component is null */
    public LlmResponse {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(model, "model");
    }
}
