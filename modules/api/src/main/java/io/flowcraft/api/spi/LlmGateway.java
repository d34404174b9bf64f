package io.flowcraft.api.spi;

/**
 * The host's LLM service as a node executor sees it: one call to the provider a diagram names,
 * with everything a provider call needs resolved by the host (which plugin serves the service id or
 * alias, the API key from the request's key id or the provider's default, the base URL, the shared
 * HTTP client, retries inside the provider, the response cache). Tokens streamed by the provider
 * reach everyone watching the run as the node's progress; the usage of each call is added to the
 * node's and the run's token counts, and its cost when the model's price is configured.
 * Thread-safe: a batch node may call it from several threads at once.
 */
public interface LlmGateway {
    /**
     * Runs one chat completion.
     *
     * @param service the service id or alias a person names ({@code openai}, {@code claude}, {@code ollama}, …)
     * @param request the request (model, system prompt, messages, parameters, key id)
     * @return the response; a cached one when the cache holds the same call
     * @throws LlmCallException when no provider serves {@code service}, no key is configured, or the
     *                          provider failed; the message names the service and model, never a key
     * @throws InterruptedException if the run was cancelled while waiting
     */
    LlmResponse complete(String service, LlmRequest request) throws LlmCallException, InterruptedException;
}
