package io.flowcraft.plugins.llmanthropic;

import io.flowcraft.api.spi.KeyCheck;
import io.flowcraft.api.spi.LlmContext;
import io.flowcraft.api.spi.LlmMessage;
import io.flowcraft.api.spi.LlmProvider;
import io.flowcraft.api.spi.LlmRequest;
import io.flowcraft.api.spi.LlmResponse;
import io.flowcraft.api.spi.ProviderDescriptor;
import io.flowcraft.llm.support.Json;
import io.flowcraft.llm.support.KeyChecks;
import io.flowcraft.llm.support.ProviderHttp;
import org.pf4j.Extension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Anthropic's Messages API ({@code anthropic}, alias {@code claude}): {@code POST {base}/v1/messages}
 * with {@code x-api-key} and {@code anthropic-version: 2023-06-01}; the system prompt (and any
 * {@code system} message) goes in the top-level {@code system}; {@code max_tokens} is required, so
 * it defaults to configuration {@code max-tokens}, else 4096. Streams unless configuration
 * {@code stream} is {@code false}. Key {@code ANTHROPIC_API_KEY}, base URL {@code ANTHROPIC_BASE_URL}
 * (default {@code https://api.anthropic.com}). Stateless: safe for concurrent calls.
 */
@Extension
public final class Anthropic implements LlmProvider {
    static final String VERSION = "2023-06-01";
    private static final String DEFAULT_BASE = "https://api.anthropic.com";
    private static final int DEFAULT_MAX_TOKENS = 4096;
    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("anthropic", List.of("claude"),
            "Anthropic", true,
            List.of("claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5", "claude-3-5-haiku-latest"),
            Optional.of("ANTHROPIC_API_KEY"), Optional.of("ANTHROPIC_BASE_URL"));

    /** Creates the provider. */
    public Anthropic() {
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public LlmResponse complete(LlmRequest request, LlmContext context) throws Exception {
        ProviderHttp http = ProviderHttp.create(DESCRIPTOR, request.model(), context);
        String key = http.key().orElseThrow();
        boolean stream = ProviderHttp.streaming(context);
        HttpRequest httpRequest = http.request(ProviderHttp.baseUrl(context, DEFAULT_BASE) + "/v1/messages")
                .header("x-api-key", key)
                .header("anthropic-version", VERSION)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body(request, context, stream))))
                .build();
        return MessagesAnswer.read(http.send(httpRequest), http, request.model(), context);
    }

    @Override
    public KeyCheck checkKey(LlmContext context) {
        return KeyChecks.check(DESCRIPTOR, context, key -> HttpRequest.newBuilder(
                        URI.create(ProviderHttp.baseUrl(context, DEFAULT_BASE) + "/v1/models"))
                .timeout(context.timeout())
                .header("x-api-key", key.orElse(""))
                .header("anthropic-version", VERSION)
                .GET().build());
    }

    private static Map<String, Object> body(LlmRequest request, LlmContext context, boolean stream) {
        List<String> system = new ArrayList<>();
        request.systemPrompt().ifPresent(system::add);
        List<Map<String, Object>> messages = new ArrayList<>();
        for (LlmMessage message : request.messages()) {
            if (message.role().equals("system")) {
                system.add(message.content());
            } else {
                messages.add(Map.of("role", message.role().equals("assistant") ? "assistant" : "user",
                        "content", List.of(Map.of("type", "text", "text", message.content()))));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", request.model());
        body.put("max_tokens", request.maxTokens().orElse(configuredMaxTokens(context)));
        if (!system.isEmpty()) {
            body.put("system", String.join("\n\n", system));
        }
        body.put("messages", messages);
        request.temperature().ifPresent(t -> body.put("temperature", t));
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    private static int configuredMaxTokens(LlmContext context) {
        try {
            return context.config("max-tokens").map(String::strip).map(Integer::parseInt).orElse(DEFAULT_MAX_TOKENS);
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_TOKENS;
        }
    }
}
