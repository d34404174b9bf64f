package io.flowcraft.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flowcraft.graph.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A stand-in for OpenAI's Chat Completions API on loopback (127.0.0.1, a free port), speaking its
 * documented wire format: {@code POST /v1/chat/completions} with {@code Authorization: Bearer KEY}
 * and {@code {model, messages, stream?}}, answered as one {@code chat.completion} JSON object or,
 * when {@code stream} is true, as server-sent {@code chat.completion.chunk} events with the usage
 * in the last chunk and {@code data: [DONE]}. A request without the expected key gets OpenAI's 401
 * error. Every request is recorded; answers come from a function of the request, so they are
 * deterministic. Token counts are words: the prompt's in, the answer's out.
 */
final class OpenAiStandIn implements AutoCloseable {
    private static final Json JSON = Json.create();

    /**
     * A request as the stand-in saw it.
     *
     * @param authorization the {@code Authorization} header ("" when missing)
     * @param model         the model asked for
     * @param messages      the messages, each {@code {role, content}}, the system prompt first when sent
     * @param stream        whether a stream was asked for
     */
    record Call(String authorization, String model, List<Map<String, Object>> messages, boolean stream) {
        /** The system prompt, or "" when none was sent. */
        String system() {
            return messages.isEmpty() || !"system".equals(messages.getFirst().get("role")) ? ""
                    : String.valueOf(messages.getFirst().get("content"));
        }

        /** The last message: the prompt of this turn. */
        String prompt() {
            return String.valueOf(messages.getLast().get("content"));
        }

        /** The messages without the system prompt, as {@code role: content} lines. */
        List<String> turns() {
            return messages.stream().filter(m -> !"system".equals(m.get("role")))
                    .map(m -> m.get("role") + ": " + m.get("content")).toList();
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final String key;
    private final Function<Call, String> answer;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private OpenAiStandIn(String key, Function<Call, String> answer) throws IOException {
        this.key = key;
        this.answer = answer;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a stand-in.
     *
     * @param key    the API key requests must carry
     * @param answer the answer to each request
     * @return the running stand-in; close it
     * @throws IOException if no port can be bound
     */
    static OpenAiStandIn start(String key, Function<Call, String> answer) throws IOException {
        return new OpenAiStandIn(key, answer);
    }

    /** The base URL for {@code OPENAI_BASE_URL}: {@code http://127.0.0.1:PORT/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The requests so far, in the order they arrived. */
    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The requests whose system prompt contains {@code marker}, in order. */
    List<Call> callsWithSystem(String marker) {
        return calls.stream().filter(c -> c.system().contains(marker)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/v1/chat/completions")) {
                send(exchange, 404, "application/json", error("Unknown request URL: " + exchange.getRequestURI().getPath(),
                        "invalid_request_error"));
                return;
            }
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            Map<?, ?> body = (Map<?, ?>) JSON.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            List<Map<String, Object>> messages = new ArrayList<>();
            for (Object m : (List<?>) body.get("messages")) {
                Map<String, Object> message = new LinkedHashMap<>();
                ((Map<?, ?>) m).forEach((k, v) -> message.put(String.valueOf(k), v));
                messages.add(message);
            }
            Call call = new Call(authorization, String.valueOf(body.get("model")), List.copyOf(messages),
                    Boolean.TRUE.equals(body.get("stream")));
            calls.add(call);
            if (!authorization.equals("Bearer " + key)) {
                send(exchange, 401, "application/json", error("Incorrect API key provided.", "invalid_request_error"));
                return;
            }
            String text = answer.apply(call);
            Map<String, Object> usage = Map.of("prompt_tokens", words(messages), "completion_tokens", words(text),
                    "total_tokens", words(messages) + words(text));
            if (call.stream()) {
                stream(exchange, call, text, usage);
            } else {
                send(exchange, 200, "application/json", JSON.write(Map.of("id", "chatcmpl-standin",
                        "object", "chat.completion", "model", call.model(),
                        "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                                "message", Map.of("role", "assistant", "content", text))),
                        "usage", usage)));
            }
        }
    }

    /** The answer in two content chunks, then the finish reason, the usage and {@code [DONE]}. */
    private static void stream(HttpExchange exchange, Call call, String text, Map<String, Object> usage) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        int half = text.length() / 2;
        List<Object> chunks = List.of(
                chunk(call, List.of(Map.of("index", 0, "delta", Map.of("role", "assistant", "content", text.substring(0, half))))),
                chunk(call, List.of(Map.of("index", 0, "delta", Map.of("content", text.substring(half))))),
                chunk(call, List.of(Map.of("index", 0, "delta", Map.of(), "finish_reason", "stop"))),
                Map.of("id", "chatcmpl-standin", "object", "chat.completion.chunk", "choices", List.of(), "usage", usage));
        OutputStream out = exchange.getResponseBody();
        for (Object chunk : chunks) {
            out.write(("data: " + JSON.write(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> chunk(Call call, List<Object> choices) {
        return Map.of("id", "chatcmpl-standin", "object", "chat.completion.chunk", "model", call.model(),
                "choices", choices);
    }

    private static String error(String message, String type) {
        return JSON.write(Map.of("error", Map.of("message", message, "type", type)));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static long words(List<Map<String, Object>> messages) {
        return messages.stream().mapToLong(m -> words(String.valueOf(m.get("content")))).sum();
    }

    private static long words(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }
}
