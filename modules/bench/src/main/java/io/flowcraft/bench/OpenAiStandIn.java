package io.flowcraft.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in of OpenAI's Chat Completions API ({@code POST /v1/chat/completions} answered
 * as a server-sent event stream, {@code GET /v1/models}), so that the real llm-openai plugin can
 * stream into a server without network or cost. What to stream is read from the request's prompt:
 * {@code stream N tokens every U us as TAG} (see {@link #prompt}) makes N chunks with the content
 * {@code t0 }, {@code t1 }, … written U microseconds apart; the time each chunk was written is kept
 * under TAG ({@link #written}), on this JVM's {@link System#nanoTime()} clock. Thread-safe.
 */
final class OpenAiStandIn implements AutoCloseable {

    /** The model the stand-in names in its answers. */
    static final String MODEL = "gpt-4.1-mini";
    private static final Pattern ASK = Pattern.compile("stream (\\d+) tokens every (\\d+) us as (\\w+)");
    private static final int MAX_TOKENS = 1_000_000;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, long[]> written = new ConcurrentHashMap<>();

    private OpenAiStandIn(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts the stand-in on a free loopback port.
     *
     * @throws IOException when it cannot listen
     */
    static OpenAiStandIn start() throws IOException {
        // chunks are small: without TCP_NODELAY each would wait for the previous one's ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        OpenAiStandIn standIn = new OpenAiStandIn(http);
        http.setExecutor(standIn.executor);
        http.createContext("/v1/chat/completions", standIn::chat);
        http.createContext("/v1/models", standIn::models);
        http.start();
        return standIn;
    }

    /** The base URL the OpenAI SDKs take from {@code OPENAI_BASE_URL}: {@code http://127.0.0.1:PORT/v1}. */
    String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + "/v1";
    }

    /** The prompt that makes the stand-in stream {@code tokens} chunks {@code micros} apart, kept under {@code tag}. */
    static String prompt(int tokens, long micros, String tag) {
        return "Please stream " + tokens + " tokens every " + micros + " us as " + tag + ".";
    }

    /** When each chunk of the answer tagged {@code tag} was written, by token index; empty before it was asked. */
    Optional<long[]> written(String tag) {
        return Optional.ofNullable(written.get(tag));
    }

    /**
     * The SSE event of one streamed token, as OpenAI sends it.
     *
     * @param index the token's index: its content is {@code t<index> }
     */
    static String chunk(int index) {
        return "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"model\":\"" + MODEL
                + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t" + index + " \"},\"finish_reason\":null}]}\n\n";
    }

    /**
     * The token indices in a text made of streamed chunks ({@code "t3 t4 "} → 3, 4).
     *
     * @return the indices in order; a piece that is not a token is -1
     */
    static int[] tokens(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(p -> !p.isEmpty())
                .mapToInt(p -> p.length() > 1 && p.charAt(0) == 't' && p.substring(1).chars().allMatch(Character::isDigit)
                        ? Integer.parseInt(p.substring(1)) : -1).toArray();
    }

    private void chat(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = ASK.matcher(body);
            boolean asked = m.find();
            int count = asked ? (int) Math.min(Long.parseLong(m.group(1)), MAX_TOKENS) : 1;
            long micros = asked ? Long.parseLong(m.group(2)) : 0;
            long[] times = new long[count];
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < count; i++) {
                out.write(chunk(i).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                times[i] = System.nanoTime();
                if (micros > 0 && i + 1 < count) {
                    LockSupport.parkNanos(micros * 1000);
                }
            }
            if (asked) {
                written.put(m.group(3), times); // published once complete: read after the answer has ended
            }
            out.write(("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"model\":\"" + MODEL
                    + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":" + count
                    + ",\"total_tokens\":" + (20 + count) + "}}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void models(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = ("{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL + "\",\"object\":\"model\"}]}")
                    .getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
