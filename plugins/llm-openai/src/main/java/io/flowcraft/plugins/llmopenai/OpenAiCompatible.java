package io.flowcraft.plugins.llmopenai;

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

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI's Chat Completions ({@code POST {base}/chat/completions}, {@code Authorization: Bearer}),
 * for every service that speaks it; a {@link Dialect} says which. Streams (server-sent events with
 * {@code stream_options.include_usage}) unless configuration {@code stream} is {@code false}.
 * Stateless: safe for concurrent calls.
 */
public abstract class OpenAiCompatible implements LlmProvider {
    private final Dialect dialect;

    OpenAiCompatible(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return dialect.descriptor();
    }

    @Override
    public LlmResponse complete(LlmRequest request, LlmContext context) throws Exception {
        ProviderHttp http = ProviderHttp.create(descriptor(), request.model(), context);
        Optional<String> key = http.key();
        boolean stream = ProviderHttp.streaming(context);
        HttpRequest.Builder builder = http.request(apiBase(context) + "/chat/completions")
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body(request, stream))));
        key.ifPresent(k -> builder.header("Authorization", "Bearer " + k));
        HttpResponse<InputStream> response = http.send(builder.build());
        return ChatAnswer.read(response, http, request.model(), context);
    }

    @Override
    public KeyCheck checkKey(LlmContext context) {
        return KeyChecks.check(descriptor(), context, key -> {
            HttpRequest.Builder builder = HttpRequest.newBuilder(java.net.URI.create(apiBase(context) + "/models"))
                    .timeout(context.timeout()).GET();
            key.ifPresent(k -> builder.header("Authorization", "Bearer " + k));
            return builder.build();
        });
    }

    private String apiBase(LlmContext context) {
        return dialect.apiBase(ProviderHttp.baseUrl(context, dialect.defaultBaseUrl()));
    }

    private Map<String, Object> body(LlmRequest request, boolean stream) {
        List<Map<String, Object>> messages = new ArrayList<>();
        request.systemPrompt().ifPresent(s -> messages.add(Map.of("role", "system", "content", s)));
        for (LlmMessage message : request.messages()) {
            messages.add(Map.of("role", message.role(), "content", message.content()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", request.model());
        body.put("messages", messages);
        request.temperature().ifPresent(t -> body.put("temperature", t));
        request.maxTokens().ifPresent(n -> body.put(dialect.maxTokensField(), n));
        if (stream) {
            body.put("stream", true);
            body.put("stream_options", Map.of("include_usage", true));
        }
        return body;
    }
}
