package io.flowcraft.plugins.llmanthropic;

import io.flowcraft.api.spi.LlmMessage;
import io.flowcraft.api.spi.LlmProvider;
import io.flowcraft.api.spi.LlmRequest;
import io.flowcraft.llm.support.Json;
import io.flowcraft.llm.support.fixtures.FakeService;
import io.flowcraft.llm.support.fixtures.ProviderContract;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** anthropic against a local stand-in speaking the Messages API as Anthropic documents it. */
class AnthropicTest extends ProviderContract {
    @Override
    protected LlmProvider provider() {
        return new Anthropic();
    }

    @Override
    protected String model() {
        return "claude-sonnet-4-5";
    }

    @Override
    protected String baseUrl(String serviceUrl) {
        return serviceUrl;
    }

    @Override
    protected String completionPath(boolean stream) {
        return "/v1/messages";
    }

    @Override
    protected String modelsPath() {
        return "/v1/models";
    }

    @Override
    protected void assertAuth(FakeService.Recorded request) {
        assertEquals(KEY, request.header("x-api-key").orElse(""));
        assertEquals("2023-06-01", request.header("anthropic-version").orElse(""));
        assertFalse(request.header("Authorization").isPresent());
    }

    @Override
    protected void assertBody(Map<String, Object> body, boolean stream) {
        assertEquals(model(), body.get("model"));
        assertEquals(SYSTEM, body.get("system"));
        assertEquals(List.of(text("user", "Hi"), text("assistant", "Hello"), text("user", "Say hello world")),
                body.get("messages"));
        assertEquals(0.25, ((Number) body.get("temperature")).doubleValue());
        assertEquals(64, ((Number) body.get("max_tokens")).intValue());
        assertEquals(stream ? true : null, body.get("stream"));
    }

    private static Map<String, Object> text(String role, String text) {
        return Map.of("role", role, "content", List.of(Map.of("type", "text", "text", text)));
    }

    @Override
    protected String okJson(String text, long in, long out) {
        return Json.write(Map.of("id", "msg_1", "type", "message", "role", "assistant", "model", model(),
                "content", List.of(Map.of("type", "text", "text", text)), "stop_reason", "end_turn",
                "usage", Map.of("input_tokens", in, "output_tokens", out)));
    }

    @Override
    protected List<String> sseEvents(List<String> chunks, long in, long out) {
        List<String> events = new ArrayList<>();
        events.add(event("message_start", Map.of("type", "message_start", "message", Map.of("id", "msg_1",
                "type", "message", "role", "assistant", "content", List.of(), "model", model(),
                "usage", Map.of("input_tokens", in, "output_tokens", 1)))));
        events.add(event("content_block_start", Map.of("type", "content_block_start", "index", 0,
                "content_block", Map.of("type", "text", "text", ""))));
        events.add(event("ping", Map.of("type", "ping")));
        for (String piece : chunks) {
            events.add(event("content_block_delta", Map.of("type", "content_block_delta", "index", 0,
                    "delta", Map.of("type", "text_delta", "text", piece))));
        }
        events.add(event("content_block_stop", Map.of("type", "content_block_stop", "index", 0)));
        events.add(event("message_delta", Map.of("type", "message_delta",
                "delta", Map.of("stop_reason", "end_turn"), "usage", Map.of("output_tokens", out))));
        events.add(event("message_stop", Map.of("type", "message_stop")));
        return events;
    }

    private static String event(String name, Map<String, Object> data) {
        return "event: " + name + "\ndata: " + Json.write(data) + "\n\n";
    }

    @Override
    protected String sseError(String message) {
        return "event: error\ndata: " + errorJson(message) + "\n\n";
    }

    @Override
    protected String errorJson(String message) {
        return Json.write(Map.of("type", "error", "error", Map.of("type", "overloaded_error", "message", message)));
    }

    @Test
    void maxTokensDefaultsAndSystemMessagesJoinTheSystemPrompt() throws Exception {
        service.then(FakeService.json(200, okJson("ok", 1, 1)));
        LlmRequest request = new LlmRequest(model(), Optional.empty(),
                List.of(new LlmMessage("system", "Be brief."), new LlmMessage("user", "Hi")),
                OptionalDouble.empty(), OptionalInt.empty(), Optional.empty());
        provider().complete(request, context(Map.of("stream", "false")));
        Map<String, Object> body = service.requests().getFirst().json();
        assertEquals(4096, ((Number) body.get("max_tokens")).intValue());
        assertEquals("Be brief.", body.get("system"));
        assertFalse(body.containsKey("temperature"));
        assertEquals(List.of(text("user", "Hi")), body.get("messages"));
    }
}
