package io.flowcraft.plugins.llmanthropic;

import io.flowcraft.api.spi.LlmContext;
import io.flowcraft.api.spi.LlmResponse;
import io.flowcraft.api.spi.TokenUsage;
import io.flowcraft.llm.support.Json;
import io.flowcraft.llm.support.ProviderHttp;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Reads a Messages answer: a JSON {@code message}, or the stream {@code message_start},
 * {@code content_block_delta} ({@code text_delta}), {@code message_delta} (cumulative usage),
 * {@code message_stop}, with {@code ping} and {@code error} events. One instance per answer.
 */
final class MessagesAnswer {
    private final ProviderHttp http;
    private final LlmContext context;
    private final StringBuilder text = new StringBuilder();
    private long input;
    private long output;
    private String model;
    private boolean stopped;

    private MessagesAnswer(ProviderHttp http, String model, LlmContext context) {
        this.http = http;
        this.model = model;
        this.context = context;
    }

    static LlmResponse read(HttpResponse<InputStream> response, ProviderHttp http, String model, LlmContext context)
            throws InterruptedException {
        MessagesAnswer answer = new MessagesAnswer(http, model, context);
        boolean events = http.readAnswer(response, answer::onEvent, answer::onMessage);
        if (events && !answer.stopped && answer.text.isEmpty()) {
            throw http.failure("the stream ended before any answer");
        }
        return new LlmResponse(answer.text.toString(), new TokenUsage(answer.input, answer.output), answer.model);
    }

    private void onMessage(String body) {
        Map<String, Object> json = Json.readObject(body).orElseThrow(() -> http.failure("the answer is not JSON"));
        if ("error".equals(json.get("type"))) {
            throw http.serviceError(body);
        }
        for (Object block : Json.list(json, "content")) {
            if ("text".equals(Json.string(block, "type").orElse(""))) {
                text.append(Json.string(block, "text").orElse(""));
            }
        }
        readUsage(json, "usage");
        Json.string(json, "model").ifPresent(m -> model = m);
    }

    private boolean onEvent(String data) {
        Map<String, Object> json = Json.readObject(data).orElseThrow(() -> http.failure("a streamed event is not JSON"));
        switch (Json.string(json, "type").orElse("")) {
            case "message_start" -> {
                readUsage(json, "message", "usage");
                Json.string(json, "message", "model").ifPresent(m -> model = m);
            }
            case "content_block_delta" -> Json.string(json, "delta", "text")
                    .filter(s -> "text_delta".equals(Json.string(json, "delta", "type").orElse("")) && !s.isEmpty())
                    .ifPresent(piece -> {
                        text.append(piece);
                        context.onToken(piece);
                    });
            case "message_delta" -> readUsage(json, "usage");
            case "message_stop" -> {
                stopped = true;
                return false;
            }
            case "error" -> throw http.serviceError(data);
            default -> { } // ping, content_block_start, content_block_stop
        }
        return true;
    }

    private void readUsage(Map<String, Object> json, Object... path) {
        Object[] in = append(path, "input_tokens");
        Object[] out = append(path, "output_tokens");
        Json.number(json, in).ifPresent(n -> input = n);
        Json.number(json, out).ifPresent(n -> output = n);
    }

    private static Object[] append(Object[] path, String last) {
        Object[] full = java.util.Arrays.copyOf(path, path.length + 1);
        full[path.length] = last;
        return full;
    }
}
