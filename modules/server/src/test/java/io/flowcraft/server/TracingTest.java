package io.flowcraft.server;

import io.flowcraft.graph.Json;
import io.flowcraft.server.config.ConfigException;
import io.flowcraft.server.config.ConfigLoader;
import io.flowcraft.server.config.FlowcraftConfig;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenTelemetry tracing of runs, end to end: a real server with the real core-nodes and llm-openai
 * plugin jars runs a diagram over the WebSocket protocol (a person_job whose call goes to a
 * loopback OpenAI stand-in, then a code job that fails), and a loopback OTLP/HTTP collector
 * decodes what the exporter sends with the OTLP protobuf classes. Also: tracing off sends nothing
 * and loads no OpenTelemetry class, and bad tracing settings are named.
 */
class TracingTest {
    private static final Json JSON = Json.create();
    private static final String API_KEY = "sk-trace-0123456789abcdef";
    private static final String COLLECTOR_KEY = "collector-secret-fedcba9876543210";

    @TempDir
    Path dir;
    private WebServer openAi;
    private WebServer collector;
    private final List<ExportTraceServiceRequest> exports = new CopyOnWriteArrayList<>();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final List<String> collectorKeys = new CopyOnWriteArrayList<>();

    @BeforeEach
    void standIns() {
        openAi = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.post("/v1/chat/completions", this::chat)).build().start();
        collector = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.post("/v1/traces", this::traces)).build().start();
    }

    @AfterEach
    void stop() {
        openAi.stop();
        collector.stop();
    }

    private void chat(ServerRequest req, ServerResponse res) {
        req.content().consume();
        String chunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4.1-mini\",\"choices\":"
                + "[{\"index\":0,\"delta\":{\"content\":\"Hello, team!\"},\"finish_reason\":null}]}";
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream").send("data: " + chunk + "\n\n"
                + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4.1-mini\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,\"total_tokens\":120}}\n\n"
                + "data: [DONE]\n\n");
    }

    private void traces(ServerRequest req, ServerResponse res) throws Exception {
        byte[] body = req.content().as(byte[].class);
        bodies.add(body);
        collectorKeys.add(req.headers().first(HeaderNames.create("x-collector-key")).orElse(""));
        exports.add(ExportTraceServiceRequest.parseFrom(body));
        res.header(HeaderNames.CONTENT_TYPE, "application/x-protobuf").send(new byte[0]);
    }

    private FlowcraftServer start(FlowcraftConfig.Tracing tracing) throws Exception {
        Path envFile = dir.resolve("flowcraft.env");
        Files.writeString(envFile, "OPENAI_API_KEY=" + API_KEY + "\n");
        FlowcraftConfig.Llm llm = new FlowcraftConfig.Llm(Duration.ofSeconds(20),
                new io.flowcraft.engine.LlmSettings.Cache(false, Duration.ofMinutes(5), 100), Map.of(),
                Map.of("openai", Map.of("base-url", "http://127.0.0.1:" + openAi.port() + "/v1")), List.of(),
                Map.of(), Optional.of(envFile), Optional.empty());
        FlowcraftConfig config = TestServers.config(dir).withLlm(llm)
                .withObservability(FlowcraftConfig.Observability.defaults().withTracing(tracing));
        Files.createDirectories(config.pluginsDir());
        for (String plugin : List.of("core-nodes", "llm-openai")) {
            Files.copy(ActionTest.jar(plugin), config.pluginsDir().resolve(plugin + ".jar"));
        }
        return FlowcraftServer.start(config);
    }

    private URI collectorUri() {
        return URI.create("http://127.0.0.1:" + collector.port() + "/v1/traces");
    }

    /** Imports the diagram into graph {@code traced} and runs it; the messages until the run failed. */
    private static List<Map<String, Object>> runDiagram(FlowcraftServer server) throws Exception {
        HttpResponse<String> imported = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/graphs/traced/import"))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> TracingTest.class.getResourceAsStream("/diagrams/greet_then_fail.yaml")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, imported.statusCode(), imported.body());
        List<Map<String, Object>> messages = new ArrayList<>();
        try (WsClient c = WsClient.connect(server.port(), "graph=traced")) {
            c.next("sync_graph");
            c.send("{\"type\":\"execute_diagram\",\"correlationId\":\"traced-run\",\"payload\":{}}");
            while (messages.isEmpty() || !messages.getLast().get("type").equals("execution_failed")) {
                Map<String, Object> m = c.next();
                if (m.get("type").equals("presence")) {
                    continue;
                }
                assertFalse(m.get("type").equals("execution_completed"), "the Broken node must fail the run");
                messages.add(m);
            }
        }
        return messages;
    }

    @Test
    void aRunIsOneTraceWithASpanPerNodeAndTheLlmCallUnderItsNode() throws Exception {
        List<String> logs;
        List<Map<String, Object>> messages;
        try (LogCapture capture = LogCapture.start(new java.util.logging.SimpleFormatter());
             FlowcraftServer server = start(FlowcraftConfig.Tracing.defaults().enabledAt(collectorUri())
                     .withHeaders(Map.of("x-collector-key", COLLECTOR_KEY)))) {
            logs = capture.lines();
            messages = runDiagram(server);
        }
        // closing the server flushed the batch processor: everything has arrived
        String executionId = (String) WsClient.payload(messages.stream()
                .filter(m -> m.get("type").equals("execution_started")).findFirst().orElseThrow()).get("executionId");
        Map<String, String> typeOfNode = new HashMap<>();
        List<String> nodeRuns = new ArrayList<>();
        String failedNode = null;
        for (Map<String, Object> m : messages) {
            Map<String, Object> p = WsClient.payload(m);
            if (m.get("type").equals("node_started")) {
                nodeRuns.add((String) p.get("nodeId"));
            } else if (m.get("type").equals("node_failed")) {
                failedNode = (String) p.get("nodeId");
            }
        }
        List<Span> spans = exports.stream().flatMap(e -> e.getResourceSpansList().stream())
                .flatMap(r -> r.getScopeSpansList().stream()).flatMap(s -> s.getSpansList().stream()).toList();
        List<Span> runs = spans.stream().filter(s -> s.getName().equals("flowcraft.run")).toList();
        assertEquals(1, runs.size(), "one run span: " + names(spans));
        Span run = runs.getFirst();
        assertEquals(executionId, attribute(run, "flowcraft.execution.id"));
        assertEquals("traced", attribute(run, "flowcraft.graph.id"));
        assertEquals("failed", attribute(run, "flowcraft.run.status"));
        assertEquals(Status.StatusCode.STATUS_CODE_ERROR, run.getStatus().getCode());
        assertTrue(run.getParentSpanId().isEmpty(), "the run is the trace's root");

        List<Span> nodes = spans.stream().filter(s -> s.getName().startsWith("node ")).toList();
        assertEquals(nodeRuns.size(), nodes.size(), "one span per node run: " + names(spans));
        assertEquals(nodeRuns.stream().sorted().toList(),
                nodes.stream().map(s -> attribute(s, "flowcraft.node.id")).sorted().toList());
        for (Span node : nodes) {
            typeOfNode.put(attribute(node, "flowcraft.node.id"), attribute(node, "flowcraft.node.type"));
            assertEquals(run.getSpanId(), node.getParentSpanId(), "a node's span is a child of the run's");
            assertEquals("node " + attribute(node, "flowcraft.node.type"), node.getName());
            assertEquals(executionId, attribute(node, "flowcraft.execution.id"));
            assertEquals(0L, value(node, "flowcraft.node.iteration").getIntValue());
            assertTrue(node.getStartTimeUnixNano() >= run.getStartTimeUnixNano()
                    && node.getEndTimeUnixNano() <= run.getEndTimeUnixNano(), "within the run");
        }
        assertEquals(Map.of("start", 1L, "person_job", 1L, "code_job", 1L), typeOfNode.values().stream()
                .collect(Collectors.groupingBy(t -> t, Collectors.counting())));
        Span broken = nodes.stream().filter(s -> attribute(s, "flowcraft.node.id").equals(
                messages.stream().filter(m -> m.get("type").equals("node_failed")).map(m -> (String) WsClient
                        .payload(m).get("nodeId")).findFirst().orElseThrow())).findFirst().orElseThrow();
        assertEquals("code_job", typeOfNode.get(failedNode));
        assertEquals(Status.StatusCode.STATUS_CODE_ERROR, broken.getStatus().getCode());
        assertTrue(broken.getStatus().getMessage().contains("broken on purpose"), broken.getStatus().getMessage());
        assertEquals(List.of(Status.StatusCode.STATUS_CODE_UNSET, Status.StatusCode.STATUS_CODE_UNSET),
                nodes.stream().filter(s -> s != broken).map(s -> s.getStatus().getCode()).toList());

        Span person = nodes.stream().filter(s -> s.getName().equals("node person_job")).findFirst().orElseThrow();
        List<Span> calls = spans.stream().filter(s -> s.getName().startsWith("chat ")).toList();
        assertEquals(1, calls.size(), "one LLM call span: " + names(spans));
        Span call = calls.getFirst();
        assertEquals("chat gpt-4.1-mini", call.getName());
        assertEquals(person.getSpanId(), call.getParentSpanId(), "the LLM call is a child of its node's span");
        assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, call.getKind());
        assertEquals("openai", attribute(call, "gen_ai.system"));
        assertEquals("gpt-4.1-mini", attribute(call, "gen_ai.request.model"));
        assertEquals(100L, value(call, "gen_ai.usage.input_tokens").getIntValue());
        assertEquals(20L, value(call, "gen_ai.usage.output_tokens").getIntValue());
        assertEquals(false, value(call, "flowcraft.llm.cached").getBoolValue());
        assertEquals((100 * 0.40 + 20 * 1.60) / 1e6, value(call, "flowcraft.llm.cost_usd").getDoubleValue(), 1e-12);
        assertTrue(call.getStartTimeUnixNano() >= person.getStartTimeUnixNano() - TimeUnit.MILLISECONDS.toNanos(5)
                && call.getEndTimeUnixNano() <= person.getEndTimeUnixNano() + TimeUnit.MILLISECONDS.toNanos(5)
                && call.getStartTimeUnixNano() < call.getEndTimeUnixNano(), "the call lies within its node");

        assertEquals(1, spans.stream().map(Span::getTraceId).distinct().count(), "all in one trace");
        ResourceSpans resource = exports.getFirst().getResourceSpans(0);
        assertEquals("flowcraft", resource.getResource().getAttributesList().stream()
                .filter(kv -> kv.getKey().equals("service.name")).findFirst().orElseThrow().getValue().getStringValue());
        ScopeSpans scope = resource.getScopeSpans(0);
        assertEquals("io.flowcraft.server", scope.getScope().getName());
        assertEquals(List.of(COLLECTOR_KEY), collectorKeys.stream().distinct().toList(),
                "the configured header goes with every export");
        for (byte[] body : bodies) {
            String text = new String(body, StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(API_KEY) || text.contains("sk-trace") || text.contains(COLLECTOR_KEY),
                    "a key was exported");
        }
        assertTrue(logs.stream().anyMatch(l -> l.contains("tracing runs to http://127.0.0.1:" + collector.port())),
                "start-up names the collector: " + logs);
        assertFalse(logs.stream().anyMatch(l -> l.contains(COLLECTOR_KEY) || l.contains(API_KEY)),
                "a key was logged: " + logs);
    }

    @Test
    void aCancelledRunEndsTheSpansOfItsRunningNodesAndLeavesNoneOpen() throws Exception {
        String executionId;
        try (FlowcraftServer server = start(FlowcraftConfig.Tracing.defaults().enabledAt(collectorUri()));
             WsClient c = WsClient.connect(server.port(), "graph=cancelled")) {
            c.next("sync_graph");
            c.send("{\"type\":\"execute_diagram\",\"payload\":{\"diagram\":" + ExecutionTest.diagram("cancel") + "}}");
            executionId = (String) WsClient.payload(c.next("execution_started")).get("executionId");
            until(c, m -> m.get("type").equals("node_started") && WsClient.payload(m).get("nodeId").equals("long"));
            c.send("{\"type\":\"cancel_execution\",\"payload\":{\"executionId\":\"" + executionId + "\"}}");
            until(c, m -> m.get("type").equals("execution_cancelled"));
        }
        List<Span> spans = exports.stream().flatMap(e -> e.getResourceSpansList().stream())
                .flatMap(r -> r.getScopeSpansList().stream()).flatMap(s -> s.getSpansList().stream()).toList();
        assertEquals(List.of("node start", "node job", "flowcraft.run"), names(spans),
                "the node that never started has no span");
        Span run = spans.getLast();
        assertEquals(executionId, attribute(run, "flowcraft.execution.id"));
        assertEquals("cancelled", attribute(run, "flowcraft.run.status"), "ended by the run, not left to the close");
        assertEquals(Status.StatusCode.STATUS_CODE_UNSET, run.getStatus().getCode());
        Span cancelled = spans.get(1);
        assertEquals("long", attribute(cancelled, "flowcraft.node.id"));
        assertEquals(Status.StatusCode.STATUS_CODE_ERROR, cancelled.getStatus().getCode());
        assertEquals("cancelled", cancelled.getStatus().getMessage());
    }

    @Test
    void withTracingOffNothingIsSentAndNoOpenTelemetryClassIsLoaded() throws Exception {
        FlowcraftConfig.Tracing off = FlowcraftConfig.Tracing.defaults();
        assertFalse(off.enabled());
        FlowcraftConfig.Tracing pointedButOff = new FlowcraftConfig.Tracing(false, collectorUri(), "flowcraft", 1.0,
                Map.of());
        try (FlowcraftServer server = start(pointedButOff)) {
            List<Map<String, Object>> messages = runDiagram(server);
            assertEquals("execution_failed", messages.getLast().get("type"));
        }
        assertEquals(0, bodies.size(), "nothing was exported");

        assertEquals(List.of(), openTelemetryClasses(Map.of()), "tracing off loads no OpenTelemetry class");
        List<String> on = openTelemetryClasses(Map.of("FLOWCRAFT_TRACING_ENABLED", "true",
                "FLOWCRAFT_TRACING_ENDPOINT", collectorUri().toString()));
        assertTrue(on.contains("io.opentelemetry.sdk.trace.SdkTracerProvider"), "tracing on loads the SDK: " + on);
    }

    /** Reads messages until one matches (each read waits a bounded time). */
    private static void until(WsClient c, java.util.function.Predicate<Map<String, Object>> wanted) {
        for (Map<String, Object> m = c.next(); !wanted.test(m); m = c.next()) {
            assertFalse(m.get("type").toString().startsWith("execution_"), "the run ended early: " + m);
        }
    }

    /** The OpenTelemetry classes a server process loads by the time it listens. */
    private List<String> openTelemetryClasses(Map<String, String> env) throws Exception {
        Path data = Files.createTempDirectory(dir, "child").resolve("data");
        Process p = DurabilityTest.launch(data, List.of("-Xlog:class+load=info:stdout"), env);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> loaded = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            StringBuilder tail = new StringBuilder();
            for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[class,load\\] (io\\.opentelemetry\\.\\S+)")
                        .matcher(line);
                if (m.find()) {
                    loaded.add(m.group(1));
                } else if (!line.contains("[class,load]")) {
                    tail.append(line).append('\n');
                }
                if (DurabilityTest.LISTENING.matcher(line).find()) {
                    return loaded;
                }
            }
            throw new AssertionError("the server did not start:\n" + tail);
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void badTracingSettingsAreNamedAndTheStandardVariablesApplyWhenTracingIsOn() {
        ConfigException bad = assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(), Map.of(
                "flowcraft.tracing.enabled", "maybe", "flowcraft.tracing.endpoint", "localhost:4318",
                "flowcraft.tracing.sample-ratio", "1.5"), Map.of()));
        assertEquals("""
                invalid configuration:
                  - flowcraft.tracing.enabled: must be true or false, got 'maybe'
                  - flowcraft.tracing.endpoint: must be an http:// or https:// URL of a collector's OTLP/HTTP \
                traces endpoint, such as http://localhost:4318/v1/traces
                  - flowcraft.tracing.sample-ratio: must be a number from 0 to 1 (0.25 traces a quarter of the \
                runs), got '1.5'""", bad.getMessage());

        Map<String, String> otel = Map.of("FLOWCRAFT_TRACING_ENABLED", "true",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/", "OTEL_SERVICE_NAME", "flows",
                "OTEL_EXPORTER_OTLP_HEADERS", "api-key=s%3Dcret, x-tenant = blue");
        FlowcraftConfig.Tracing fromOtel = ConfigLoader.load(Optional.empty(), Map.of(), otel).observability().tracing();
        assertEquals(new FlowcraftConfig.Tracing(true, URI.create("http://collector:4318/v1/traces"), "flows", 1.0,
                Map.of("api-key", "s=cret", "x-tenant", "blue")), fromOtel);
        assertFalse(fromOtel.toString().contains("cret"), "header values stay out of toString: " + fromOtel);

        Map<String, String> both = new HashMap<>(otel);
        both.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://traces.example/otlp");
        assertEquals(URI.create("https://traces.example/otlp"),
                ConfigLoader.load(Optional.empty(), Map.of(), both).observability().tracing().endpoint());
        assertEquals(URI.create("http://127.0.0.1:4318/v1/traces"), ConfigLoader.load(Optional.empty(),
                Map.of("flowcraft.tracing.endpoint", "http://127.0.0.1:4318/v1/traces"), both)
                .observability().tracing().endpoint(), "flowcraft.tracing.endpoint wins");

        Map<String, String> broken = Map.of("FLOWCRAFT_TRACING_ENABLED", "true",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "grpc://user:s3cret@collector",
                "OTEL_EXPORTER_OTLP_HEADERS", "api-key=s3cret,justaname");
        ConfigException fromEnv = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Optional.empty(), Map.of(), broken));
        assertEquals("""
                invalid configuration:
                  - OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: must be an http:// or https:// URL of a collector's \
                OTLP/HTTP traces endpoint, such as http://localhost:4318/v1/traces
                  - OTEL_EXPORTER_OTLP_HEADERS: entry 2 is not name=value""", fromEnv.getMessage());
        assertEquals(FlowcraftConfig.Tracing.defaults(), ConfigLoader.load(Optional.empty(), Map.of(),
                Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "grpc://collector")).observability().tracing(),
                "with tracing off the OTEL_* variables are not read");
    }

    private static List<String> names(List<Span> spans) {
        return spans.stream().map(Span::getName).toList();
    }

    private static AnyValue value(Span span, String key) {
        return span.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).map(KeyValue::getValue)
                .findFirst().orElseThrow(() -> new AssertionError(span.getName() + " has no " + key + ": "
                        + span.getAttributesList()));
    }

    private static String attribute(Span span, String key) {
        return value(span, key).getStringValue();
    }
}
