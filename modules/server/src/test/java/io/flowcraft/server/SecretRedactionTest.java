package io.flowcraft.server;

import io.flowcraft.graph.Json;
import io.flowcraft.server.config.ConfigException;
import io.flowcraft.server.config.ConfigLoader;
import io.flowcraft.server.config.FlowcraftConfig;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No configured secret ever leaves the server: API keys and the Notion token, configured through
 * an env file and through a YAML file, are sent to the (loopback stand-ins of the) services that
 * need them, and appear nowhere else. Real runs through the real llm-openai and notion plugins
 * against stand-ins that answer normally and that answer 401 echoing the key, key checks, and
 * configuration errors; then every log record (message, parameters, stack trace), everything
 * written to standard output and error, every WebSocket message, every HTTP response body and
 * header, and every file in the data directory is searched for each secret and for every 12
 * characters of it.
 */
class SecretRedactionTest {
    private static final Json JSON = Json.create();
    private static final int WINDOW = 12;
    private static final String PERSON_JOB = """
            version: light
            nodes:
            - {label: Start, type: start, position: {x: 0, y: 0}}
            - label: Ask
              type: person_job
              position: {x: 200, y: 0}
              person: Ada
              default_prompt: Say hello.
              max_iteration: 1
            connections:
            - {from: Start, to: Ask}
            persons:
              Ada: {service: openai, model: gpt-4.1-mini, api_key_id: %s}
            """;
    private static final String NOTION = """
            {"nodes": [{"id": "start", "type": "start", "position": {"x": 0, "y": 0}},
              {"id": "page", "type": "notion", "position": {"x": 200, "y": 0},
               "data": {"operation": "read_page", "page_id": "0123456789abcdef0123456789abcdef"}}],
             "edges": [{"id": "e", "source": "start", "target": "page"}]}
            """;

    @TempDir
    Path dir;
    private final List<String> secrets = new ArrayList<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicBoolean reject = new AtomicBoolean();
    private final Logger ours = Logger.getLogger("io.flowcraft");
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            StringBuilder sb = new StringBuilder(r.getLoggerName() + " " + r.getLevel() + " " + r.getMessage());
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    sb.append(" | ").append(p);
                }
            }
            sb.append(" | ").append(formatter.format(r));     // the formatted message and the stack trace
            seen.add("log: " + sb);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private PrintStream out;
    private PrintStream err;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private WebServer standIn;
    private FlowcraftServer server;

    @BeforeEach
    void capture() {
        io.helidon.logging.common.LogConfig.initClass();   // Helidon's first use re-reads logging.properties: done
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        ours.setLevel(Level.ALL);       // our code at every level; Helidon and the JDK as deployed (INFO)
        out = System.out;
        err = System.err;
        System.setOut(new PrintStream(new Tee(out, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, console), true, StandardCharsets.UTF_8));
        standIn = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r
                .get("/v1/models", this::models)
                .post("/v1/chat/completions", this::chat)
                .get("/notion/v1/*", this::notion)).build().start();
    }

    @AfterEach
    void release() {
        if (server != null) {
            server.close();
        }
        standIn.stop();
        Logger.getLogger("").removeHandler(capture);
        ours.setLevel(null);
        System.setOut(out);
        System.setErr(err);
    }

    @Test
    void keysFromAnEnvFileAppearOnlyInTheRequestsThatNeedThem() throws Exception {
        String key = secret("sk-");
        String notion = secret("secret_");
        Path envFile = dir.resolve("flowcraft.env");
        Files.writeString(envFile, "OPENAI_API_KEY=" + key + "\nFLOWCRAFT_SECRETS_NOTION=" + notion + "\n");
        FlowcraftConfig.Llm llm = new FlowcraftConfig.Llm(Duration.ofSeconds(20),
                new io.flowcraft.engine.LlmSettings.Cache(false, Duration.ofMinutes(5), 100), Map.of(),
                Map.of("openai", Map.of("base-url", base() + "/v1", "max-retries", "0")), List.of(),
                Map.of("notion_base_url", base() + "/notion/v1"), Optional.of(envFile), Optional.empty());
        start(TestServers.config(dir).withLlm(llm));
        workload("NO_SUCH_KEY_ID");
        assertUsedAndNowhereElse(key, notion);
    }

    @Test
    void keysAndSecretsFromAYamlFileAppearOnlyInTheRequestsThatNeedThem() throws Exception {
        String providerKey = secret("sk-");
        String namedKey = secret("sk-");
        String notion = secret("secret_");
        Path yaml = dir.resolve("application.yaml");
        Files.writeString(yaml, """
                flowcraft:
                  server: {host: 127.0.0.1, port: 0}
                  data-dir: %s
                  plugins-dir: %s
                  llm:
                    cache: {enabled: false}
                    keys:
                      team: %s
                    providers:
                      openai:
                        api-key: %s
                        base-url: %s/v1
                        max-retries: 0
                  secrets:
                    notion: %s
                    notion_base_url: %s/notion/v1
                """.formatted(dir.resolve("data"), dir.resolve("plugins"), namedKey, providerKey, base(), notion,
                base()));
        start(ConfigLoader.load(Optional.of(yaml), Map.of(), Map.of()));
        workload("team");
        workload("NO_SUCH_KEY_ID");
        assertUsedAndNowhereElse(namedKey, providerKey, notion);
    }

    @Test
    void configurationErrorsDoNotShowTheSecrets() throws Exception {
        String key = secret("sk-");
        String notion = secret("secret_");
        String valid = """
                flowcraft:
                  server: {port: not-a-port}
                  llm:
                    keys: {team: %s}
                    providers:
                      openai: {api-key: [%s], base-url: 42}
                  secrets: {notion: %s, other: {nested: %s}}
                """.formatted(key, key, notion, notion);
        List<String> files = List.of(valid,
                "flowcraft:\n  llm:\n    providers:\n      openai:\n        api-key: " + key + ": oops\n",
                "flowcraft:\n  secrets:\n    notion: \"" + notion + "\n  llm: {keys: {team: " + key + "}\n",
                "flowcraft:\n\tsecrets:\n  notion: " + notion + "\n");
        for (int i = 0; i < files.size(); i++) {
            Path yaml = dir.resolve("bad-" + i + ".yaml");
            Files.writeString(yaml, files.get(i));
            try {
                ConfigLoader.load(Optional.of(yaml), Map.of(), Map.of());
                seen.add("file " + i + " loaded");
            } catch (ConfigException e) {
                seen.add("ConfigException " + i + ": " + e.getMessage());
            }
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            try (PrintStream to = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
                assertEquals(2, Main.run(new String[] {"--config", yaml.toString(), "--port", "not-a-port"}, to, to),
                        "refused: " + printed);
            }
            seen.add("flowcraft serve " + i + ": " + printed.toString(StandardCharsets.UTF_8));
        }
        assertNoSecretAnywhere();
    }

    // ---- workload ----

    private void start(FlowcraftConfig config) throws IOException {
        Files.createDirectories(config.pluginsDir());
        for (String plugin : List.of("core-nodes", "llm-openai", "notion")) {
            Files.copy(ActionTest.jar(plugin), config.pluginsDir().resolve(plugin + ".jar"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        server = FlowcraftServer.start(config);
    }

    /** Key checks, a person_job run answered and refused, a Notion run refused, and what HTTP shows of them. */
    private void workload(String apiKeyId) throws Exception {
        reject.set(false);
        assertTrue(http("/api/providers?check=true").contains("\"accepted\""), "the key check passes");
        assertEquals(200, post("/api/graphs/llm/import", PERSON_JOB.formatted(apiKeyId)).statusCode());
        assertEquals(200, post("/api/graphs/notion/import", NOTION).statusCode());
        List<String> runs = new ArrayList<>();
        try (WsClient c = WsClient.connect(server.port(), "graph=llm")) {
            c.next("sync_graph");
            runs.add(run(c, "execution_completed"));
            reject.set(true);
            assertTrue(http("/api/providers?check=true").contains("\"rejected\""), "the key check fails");
            assertTrue(http("/api/providers/openai?check=true").contains("\"rejected\""));
            runs.add(run(c, "execution_failed"));
        }
        try (WsClient c = WsClient.connect(server.port(), "graph=notion")) {
            c.next("sync_graph");
            runs.add(run(c, "execution_failed"));
        }
        for (String id : runs) {
            http("/api/executions/" + id);
        }
        for (String path : List.of("/api/executions?limit=100", "/api/providers", "/api/plugins", "/api/node-types",
                "/api/graphs", "/api/graphs/llm", "/api/graphs/llm/versions", "/metrics", "/health")) {
            http(path);
        }
    }

    /** Runs the connection's graph to its end; returns the run's id. */
    private String run(WsClient c, String end) {
        c.send("{\"type\":\"execute_diagram\",\"correlationId\":\"run\",\"payload\":{}}");
        String id = null;
        while (true) {
            Map<String, Object> m = c.next();
            seen.add("ws: " + JSON.write(m));
            String type = (String) m.get("type");
            if (type.equals("execution_started")) {
                id = (String) WsClient.payload(m).get("executionId");
            }
            if (type.startsWith("execution_") && !type.equals("execution_started")) {
                assertEquals(end, type, () -> "the run ended otherwise: " + m);
                return id;
            }
        }
    }

    private String http(String path) throws Exception {
        return record(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + path)).timeout(WsClient.WAIT).build(), HttpResponse.BodyHandlers.ofString())).body();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return record(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + path)).timeout(WsClient.WAIT).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> record(HttpResponse<String> r) {
        seen.add("http " + r.uri() + " " + r.statusCode() + " " + r.headers().map() + " " + r.body());
        return r;
    }

    // ---- the stand-ins: OpenAI's Chat Completions and Notion's REST API ----

    private String base() {
        return "http://127.0.0.1:" + standIn.port();
    }

    /** Whether to answer; when rejecting, the answer echoes the key the way careless services do. */
    private boolean accepted(ServerRequest req, ServerResponse res, boolean json) {
        String auth = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        authorizations.add(auth);
        if (!reject.get()) {
            return true;
        }
        String key = auth.replace("Bearer ", "");
        res.status(Status.UNAUTHORIZED_401)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\", key=\"" + key + "\"");
        if (json) {
            // a long message that puts the key across the 500 characters a provider's message is cut to
            String preamble = "Incorrect API key provided. Keys are checked against the organisation's list of "
                    + "active keys, then against the project's; a key that was rotated, revoked or never issued is "
                    + "refused, and so is a key of another organisation. ";
            preamble = preamble.repeat(3).substring(0, 480);
            res.header(HeaderNames.CONTENT_TYPE, "application/json").send("{\"error\":{\"message\":\"" + preamble + key
                    + ". You can find your API key at https://platform.openai.com/account/api-keys.\","
                    + "\"type\":\"invalid_request_error\",\"param\":\"" + key + "\",\"code\":\"invalid_api_key\"}}");
        } else {
            res.header(HeaderNames.CONTENT_TYPE, "text/plain")
                    .send("401 Unauthorized: " + auth + " is not a valid key\n");
        }
        return false;
    }

    private void models(ServerRequest req, ServerResponse res) {
        if (accepted(req, res, false)) {
            res.header(HeaderNames.CONTENT_TYPE, "application/json")
                    .send("{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4.1-mini\",\"object\":\"model\"}]}");
        }
    }

    private void chat(ServerRequest req, ServerResponse res) {
        req.content().as(String.class);
        if (accepted(req, res, true)) {
            String chunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4.1-mini\",\"choices\":"
                    + "[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null}],"
                    + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}";
            res.header(HeaderNames.CONTENT_TYPE, "text/event-stream").send("data: " + chunk + "\n\ndata: [DONE]\n\n");
        }
    }

    private void notion(ServerRequest req, ServerResponse res) {
        String auth = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        authorizations.add(auth);
        res.status(Status.UNAUTHORIZED_401).header(HeaderNames.CONTENT_TYPE, "application/json")
                .header("WWW-Authenticate", auth).send("{\"object\":\"error\",\"status\":401,\"code\":\"unauthorized\","
                        + "\"message\":\"API token is invalid: " + auth.replace("Bearer ", "") + "\"}");
    }

    // ---- the search ----

    private String secret(String prefix) {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(prefix);
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        for (int i = 0; i < 40; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        secrets.add(sb.toString());
        return sb.toString();
    }

    /** Each secret went to its service (so the search means something), and nowhere else. */
    private void assertUsedAndNowhereElse(String... used) throws IOException {
        for (String s : used) {
            assertTrue(authorizations.contains("Bearer " + s), "a secret was sent to its service");
        }
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("log: ") && s.contains("failed")),
                "the failures were logged (and searched)");
        assertNoSecretAnywhere();
    }

    private void assertNoSecretAnywhere() throws IOException {
        assertTrue(List.of(Logger.getLogger("").getHandlers()).contains(capture), "the log capture stayed installed");
        List<String> places = new ArrayList<>(seen);
        places.add("console: " + console.toString(StandardCharsets.UTF_8));
        Path data = dir.resolve("data");
        if (Files.isDirectory(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    places.add("file " + f + ": " + new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
        }
        List<String> leaks = new ArrayList<>();
        for (String text : places) {
            for (String s : secrets) {
                for (int i = 0; i + WINDOW <= s.length(); i++) {
                    int at = text.indexOf(s.substring(i, i + WINDOW));
                    if (at >= 0) {
                        leaks.add(text.substring(0, Math.min(text.length(), 120)).replace('\n', ' ') + " … "
                                + text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 100)));
                        break;
                    }
                }
            }
        }
        assertTrue(places.size() >= 8, "the workload left things to search: " + places.size());
        assertEquals(List.of(), leaks, "a secret (or 12 characters of one) leaked");
    }

    /** Writes to two streams. */
    private static final class Tee extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        Tee(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            synchronized (b) {
                b.write(x);
            }
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            synchronized (b) {
                b.write(bytes, off, len);
            }
        }
    }
}
