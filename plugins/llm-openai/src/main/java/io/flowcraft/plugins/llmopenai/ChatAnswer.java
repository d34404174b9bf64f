package io.flowcraft.plugins.llmopenai;

import io.flowcraft.api.spi.LlmContext;
import io.flowcraft.api.spi.LlmResponse;
import io.flowcraft.api.spi.TokenUsage;
import io.flowcraft.llm.support.Json;
import io.flowcraft.llm.support.ProviderHttp;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Reads a Chat Completions answer: a JSON {@code chat.completion}, or a stream of
 * {@code chat.completion.chunk} events ending with {@code data: [DONE]}, whose text goes to
 * {@link LlmContext#onToken} as it arrives. One instance per answer.
 */
final class ChatAnswer {
    private final ProviderHttp http;
    private final LlmContext context;
    private final StringBuilder text = new StringBuilder();
    private TokenUsage usage = new TokenUsage(0, 0);
    private String model;
    private boolean done;

    private ChatAnswer(ProviderHttp http, String model, LlmContext context) {
        this.http = http;
        this.model = model;
        this.context = context;
    }

    static LlmResponse read(HttpResponse<InputStream> response, ProviderHttp http, String model, LlmContext context)
            throws InterruptedException {
        ChatAnswer answer = new ChatAnswer(http, model, context);
        boolean events = http.readAnswer(response, answer::onChunk, answer::onCompletion);
        if (events && !answer.done && answer.text.isEmpty()) {
            throw http.failure("the stream ended before any answer");
        }
        return new LlmResponse(answer.text.toString(), answer.usage, answer.model);
    }

    private void onCompletion(String body) {
        Map<String, Object> json = Json.readObject(body).orElseThrow(() -> http.failure("the answer is not JSON"));
        if (json.containsKey("error")) {
            throw http.serviceError(body);
        }
        text.append(Json.string(json, "choices", 0, "message", "content").orElse(""));
        readUsageAndModel(json);
    }

    private boolean onChunk(String data) {
        if (data.strip().equals("[DONE]")) {
            done = true;
            return false;
        }
        Map<String, Object> json = Json.readObject(data).orElseThrow(() -> http.failure("a streamed chunk is not JSON"));
        if (json.containsKey("error")) {
            throw http.serviceError(data);
        }
        Json.string(json, "choices", 0, "delta", "content").filter(s -> !s.isEmpty()).ifPresent(piece -> {
            text.append(piece);
            context.onToken(piece);
        });
        readUsageAndModel(json);
        return true;
    }

    private void readUsageAndModel(Map<String, Object> json) {
        if (Json.at(json, "usage").isPresent()) {
            usage = new TokenUsage(Json.number(json, "usage", "prompt_tokens").orElse(0),
                    Json.number(json, "usage", "completion_tokens").orElse(0));
        }
        Json.string(json, "model").ifPresent(m -> model = m);
    }
}
