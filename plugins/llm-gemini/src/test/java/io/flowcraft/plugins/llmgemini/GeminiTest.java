package io.flowcraft.plugins.llmgemini;

import io.flowcraft.api.spi.LlmCallException;
import io.flowcraft.api.spi.LlmProvider;
import io.flowcraft.llm.support.Json;
import io.flowcraft.llm.support.fixtures.FakeService;
import io.flowcraft.llm.support.fixtures.ProviderContract;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gemini against a local stand-in speaking generateContent as Google documents it. */
class GeminiTest extends ProviderContract {
    @Override
    protected LlmProvider provider() {
        return new Gemini();
    }

    @Override
    protected String model() {
        return "gemini-2.5-flash";
    }

    @Override
    protected String baseUrl(String serviceUrl) {
        return serviceUrl;
    }

    @Override
    protected String completionPath(boolean stream) {
        return "/v1beta/models/gemini-2.5-flash" + (stream ? ":streamGenerateContent" : ":generateContent");
    }

    @Override
    protected String completionQuery(boolean stream) {
        return stream ? "alt=sse" : "";
    }

    @Override
    protected String modelsPath() {
        return "/v1beta/models";
    }

    @Override
    protected void assertAuth(FakeService.Recorded request) {
        assertEquals(KEY, request.header("x-goog-api-key").orElse(""));
        assertFalse(request.header("Authorization").isPresent());
        assertFalse(request.query().contains("key="), "the key is not in the URL");
    }

    @Override
    protected void assertBody(Map<String, Object> body, boolean stream) {
        assertEquals(Map.of("parts", List.of(Map.of("text", SYSTEM))), body.get("systemInstruction"));
        assertEquals(List.of(content("user", "Hi"), content("model", "Hello"), content("user", "Say hello world")),
                body.get("contents"));
        Map<?, ?> generation = (Map<?, ?>) body.get("generationConfig");
        assertEquals(0.25, ((Number) generation.get("temperature")).doubleValue());
        assertEquals(64, ((Number) generation.get("maxOutputTokens")).intValue());
        assertFalse(body.containsKey("model"), "the model is in the path");
    }

    private static Map<String, Object> content(String role, String text) {
        return Map.of("role", role, "parts", List.of(Map.of("text", text)));
    }

    private String response(String text, Map<String, Object> usage) {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("candidates", List.of(Map.of("index", 0, "content",
                Map.of("role", "model", "parts", List.of(Map.of("text", text))))));
        if (usage != null) {
            json.put("usageMetadata", usage);
        }
        json.put("modelVersion", model());
        return Json.write(json);
    }

    @Override
    protected String okJson(String text, long in, long out) {
        return response(text, Map.of("promptTokenCount", in, "candidatesTokenCount", out, "totalTokenCount", in + out));
    }

    @Override
    protected List<String> sseEvents(List<String> chunks, long in, long out) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            // every chunk carries the usage so far; the last one the total
            long sofar = i == chunks.size() - 1 ? out : i + 1;
            events.add("data: " + response(chunks.get(i),
                    Map.of("promptTokenCount", in, "candidatesTokenCount", sofar)) + "\r\n\r\n");
        }
        return events;
    }

    @Override
    protected String sseError(String message) {
        return "data: " + errorJson(message) + "\n\n";
    }

    @Override
    protected String errorJson(String message) {
        return Json.write(Map.of("error", Map.of("code", 400, "message", message, "status", "INVALID_ARGUMENT")));
    }

    @Test
    void aBlockedPromptIsAClearError() {
        service.then(FakeService.json(200, "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}"));
        LlmCallException e = assertThrows(LlmCallException.class,
                () -> provider().complete(request(), context(Map.of("stream", "false"))));
        assertTrue(e.getMessage().contains("SAFETY") && e.getMessage().contains(model()), e.getMessage());
    }
}
