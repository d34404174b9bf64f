package io.flowcraft.plugins.llmopenai;

import io.flowcraft.llm.support.Json;
import io.flowcraft.llm.support.fixtures.FakeService;
import io.flowcraft.llm.support.fixtures.ProviderContract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Chat Completions as OpenAI documents it, for the contract's scenarios. */
abstract class OpenAiWire extends ProviderContract {
    /** @return the body field that carries the most tokens */
    abstract String maxTokensField();

    @Override
    protected String completionPath(boolean stream) {
        return "/v1/chat/completions";
    }

    @Override
    protected String modelsPath() {
        return "/v1/models";
    }

    @Override
    protected void assertAuth(FakeService.Recorded request) {
        if (key() == null) {
            assertFalse(request.header("Authorization").isPresent(), "no Authorization header without a key");
        } else {
            assertEquals("Bearer " + key(), request.header("Authorization").orElse(""));
        }
    }

    @Override
    protected void assertBody(Map<String, Object> body, boolean stream) {
        assertEquals(model(), body.get("model"));
        assertEquals(List.of(Map.of("role", "system", "content", SYSTEM), Map.of("role", "user", "content", "Hi"),
                Map.of("role", "assistant", "content", "Hello"), Map.of("role", "user", "content", "Say hello world")),
                body.get("messages"));
        assertEquals(0.25, ((Number) body.get("temperature")).doubleValue());
        assertEquals(64, ((Number) body.get(maxTokensField())).intValue());
        if (stream) {
            assertEquals(true, body.get("stream"));
            assertEquals(Map.of("include_usage", true), body.get("stream_options"));
        } else {
            assertFalse(body.containsKey("stream"));
        }
    }

    @Override
    protected String okJson(String text, long in, long out) {
        return Json.write(Map.of("id", "chatcmpl-1", "object", "chat.completion", "model", model(),
                "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", text))),
                "usage", Map.of("prompt_tokens", in, "completion_tokens", out, "total_tokens", in + out)));
    }

    @Override
    protected List<String> sseEvents(List<String> chunks, long in, long out) {
        List<String> events = new ArrayList<>();
        events.add("data: " + chunk(Map.of("role", "assistant", "content", "")) + "\n\n");
        for (String piece : chunks) {
            events.add("data: " + chunk(Map.of("content", piece)) + "\r\n\r\n");
        }
        events.add(": keep-alive comment\n\n");
        events.add("data: " + Json.write(Map.of("id", "c", "object", "chat.completion.chunk", "model", model(),
                "choices", List.of(), "usage", Map.of("prompt_tokens", in, "completion_tokens", out))) + "\n\n");
        events.add("data: [DONE]\n\n");
        return events;
    }

    private String chunk(Map<String, Object> delta) {
        return Json.write(Map.of("id", "c", "object", "chat.completion.chunk", "model", model(),
                "choices", List.of(Map.of("index", 0, "delta", delta))));
    }

    @Override
    protected String sseError(String message) {
        return "data: " + errorJson(message) + "\n\n";
    }

    @Override
    protected String errorJson(String message) {
        return Json.write(Map.of("error", Map.of("message", message, "type", "invalid_request_error",
                "code", "x")));
    }
}
