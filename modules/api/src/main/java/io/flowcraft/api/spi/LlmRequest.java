package io.flowcraft.api.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A chat completion request, provider-neutral.
 *
 * @param model        the model id
 * @param systemPrompt the system prompt, if any
 * @param messages     the conversation so far, oldest first
 * @param temperature  sampling temperature, if set
 * @param maxTokens    most tokens to generate, if set
 * @param apiKeyId     the key id a person names ({@code api_key_id}), resolved by the host
 */
public record LlmRequest(String model, Optional<String> systemPrompt, List<LlmMessage> messages,
                         OptionalDouble temperature, OptionalInt maxTokens, Optional<String> apiKeyId) {
    /** Checks and copies the components. */
    public LlmRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        messages = List.copyOf(messages);
        Objects.requireNonNull(temperature, "temperature");
        Objects.requireNonNull(maxTokens, "maxTokens");
        Objects.requireNonNull(apiKeyId, "apiKeyId");
    }
}
