package io.flowcraft.plugins.llmgemini;

import io.flowcraft.api.spi.LlmContext;
import io.flowcraft.api.spi.LlmResponse;
import io.flowcraft.api.spi.TokenUsage;
import io.flowcraft.llm.support.Json;
import io.flowcraft.llm.support.ProviderHttp;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Reads a {@code GenerateContentResponse}, or a stream of them (one per event, no end marker: the
 * stream ends with the body). Text is in {@code candidates[0].content.parts[].text}, usage in
 * {@code usageMetadata}. One instance per answer.
 */
final class ContentAnswer {
    private final ProviderHttp http;
    private final LlmContext context;
    private final StringBuilder text = new StringBuilder();
    private TokenUsage usage = new TokenUsage(0, 0);
    private String model;
    private boolean answered;

    private ContentAnswer(ProviderHttp http, String model, LlmContext context) {
        this.http = http;
        this.model = model;
        this.context = context;
    }

    static LlmResponse read(HttpResponse<InputStream> response, ProviderHttp http, String model, LlmContext context)
            throws InterruptedException {
        ContentAnswer answer = new ContentAnswer(http, model, context);
        http.readAnswer(response, data -> answer.onResponse(data, true), body -> answer.onResponse(body, false));
        if (!answer.answered) {
            throw http.failure("the service sent no answer");
        }
        return new LlmResponse(answer.text.toString(), answer.usage, answer.model);
    }

    private boolean onResponse(String data, boolean streamed) {
        Map<String, Object> json = Json.readObject(data).orElseThrow(() -> http.failure("the answer is not JSON"));
        if (json.containsKey("error")) {
            throw http.serviceError(data);
        }
        Json.string(json, "promptFeedback", "blockReason").ifPresent(reason -> {
            throw http.failure("the prompt was blocked (" + reason + ")");
        });
        answered = true;
        for (Object part : Json.list(json, "candidates", 0, "content", "parts")) {
            if (Json.at(part, "thought").map(Boolean.TRUE::equals).orElse(false)) {
                continue;
            }
            Json.string(part, "text").filter(s -> !s.isEmpty()).ifPresent(piece -> {
                text.append(piece);
                if (streamed) {
                    context.onToken(piece);
                }
            });
        }
        if (Json.at(json, "usageMetadata").isPresent()) {
            usage = new TokenUsage(Json.number(json, "usageMetadata", "promptTokenCount").orElse(0),
                    Json.number(json, "usageMetadata", "candidatesTokenCount").orElse(0));
        }
        Json.string(json, "modelVersion").ifPresent(m -> model = m);
        return true;
    }
}
