package io.flowcraft.plugins.llmgemini;

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
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Google's Gemini API ({@code gemini}): {@code POST {base}/v1beta/models/{model}:generateContent},
 * or {@code :streamGenerateContent?alt=sse} when streaming (unless configuration {@code stream} is
 * {@code false}); key in {@code x-goog-api-key}; the system prompt (and any {@code system} message)
 * in {@code systemInstruction}; {@code contents} with roles {@code user} and {@code model};
 * temperature and most tokens in {@code generationConfig}. Key {@code GEMINI_API_KEY}, base URL
 * {@code GOOGLE_GEMINI_BASE_URL} (default {@code https://generativelanguage.googleapis.com}).
 * Stateless: safe for concurrent calls.
 */
@Extension
public final class Gemini implements LlmProvider {
    private static final String DEFAULT_BASE = "https://generativelanguage.googleapis.com";
    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("gemini", List.of("google"),
            "Gemini", true, List.of("gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.5-flash-lite", "gemini-2.0-flash"),
            Optional.of("GEMINI_API_KEY"), Optional.of("GOOGLE_GEMINI_BASE_URL"));

    /** Creates the provider. */
    public Gemini() {
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
        String model = request.model().startsWith("models/") ? request.model().substring(7) : request.model();
        String url = ProviderHttp.baseUrl(context, DEFAULT_BASE) + "/v1beta/models/"
                + URLEncoder.encode(model, StandardCharsets.UTF_8)
                + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
        HttpRequest httpRequest = http.request(url)
                .header("x-goog-api-key", key)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body(request))))
                .build();
        return ContentAnswer.read(http.send(httpRequest), http, request.model(), context);
    }

    @Override
    public KeyCheck checkKey(LlmContext context) {
        return KeyChecks.check(DESCRIPTOR, context, key -> HttpRequest.newBuilder(
                        URI.create(ProviderHttp.baseUrl(context, DEFAULT_BASE) + "/v1beta/models"))
                .timeout(context.timeout())
                .header("x-goog-api-key", key.orElse(""))
                .GET().build());
    }

    private static Map<String, Object> body(LlmRequest request) {
        List<String> system = new ArrayList<>();
        request.systemPrompt().ifPresent(system::add);
        List<Map<String, Object>> contents = new ArrayList<>();
        for (LlmMessage message : request.messages()) {
            if (message.role().equals("system")) {
                system.add(message.content());
            } else {
                contents.add(Map.of("role", message.role().equals("assistant") ? "model" : "user",
                        "parts", List.of(Map.of("text", message.content()))));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (!system.isEmpty()) {
            body.put("systemInstruction", Map.of("parts", List.of(Map.of("text", String.join("\n\n", system)))));
        }
        body.put("contents", contents);
        Map<String, Object> generation = new LinkedHashMap<>();
        request.temperature().ifPresent(t -> generation.put("temperature", t));
        request.maxTokens().ifPresent(n -> generation.put("maxOutputTokens", n));
        if (!generation.isEmpty()) {
            body.put("generationConfig", generation);
        }
        return body;
    }
}
