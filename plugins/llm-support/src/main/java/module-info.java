/**
 * What Flowcraft's LLM provider plugins share: {@link io.flowcraft.llm.support.ProviderHttp} sends a
 * request with retries and maps failures to {@link io.flowcraft.api.spi.LlmCallException}s that name
 * the provider and model and never the key; {@link io.flowcraft.llm.support.SseReader} reads
 * server-sent events; {@link io.flowcraft.llm.support.Json} reads and writes JSON with jackson-jr.
 *
 * <p>Not a plugin: each provider plugin shades this jar (and jackson-jr) into its own, relocated.
 */
module io.flowcraft.llm.support {
    requires transitive io.flowcraft.api;
    requires com.fasterxml.jackson.jr.ob;

    exports io.flowcraft.llm.support;
}
