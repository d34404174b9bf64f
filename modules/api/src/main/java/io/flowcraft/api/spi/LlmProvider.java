package io.flowcraft.api.spi;

import org.pf4j.ExtensionPoint;

/**
 * A chat LLM service ({@code openai}, {@code anthropic}, {@code gemini}, …), as a PF4J extension
 * in a plugin jar. Called concurrently; keeps no per-call state in fields.
 */
public interface LlmProvider extends ExtensionPoint {
    /**
     * What this provider is.
     *
     * @return the descriptor; the same value on every call
     */
    ProviderDescriptor descriptor();

    /**
     * Runs one chat completion, streaming tokens through {@link LlmContext#onToken} when it can.
     *
     * @param request the request
     * @param context the host's HTTP client, configuration and key
     * @return the response
     * @throws Exception with a message naming the provider and model, never the key
     */
    LlmResponse complete(LlmRequest request, LlmContext context) throws Exception;

    /**
     * Checks that the service accepts the configured key with one cheap authenticated call (such
     * as listing models), without generating anything. The default says the check is not supported.
     *
     * @param context the host's HTTP client, configuration and key (the model is not needed)
     * @return whether the key was accepted, with a sentence that never contains the key
     */
    default KeyCheck checkKey(LlmContext context) {
        return new KeyCheck(KeyCheck.Outcome.UNSUPPORTED, descriptor().title() + " cannot check keys");
    }
}
