package io.flowcraft.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The parts of the start-up, reconnect and LLM streaming scenarios that need no server: option
 * parsing, the OpenAI stand-in over real HTTP, token bookkeeping, resuming readers, the figures.
 */
class StartAndStreamPartsTest {

    @Test
    void serveOptionsComeFromTheEnvironmentThenTheLauncherThenTheDefault() {
        assertEquals(List.of("--enable-native-access=org.xerial.sqlitejdbc", "-XX:+UseSerialGC", "-Xmx512m"),
                LaunchSpec.serveOptions(null, null, 25));
        assertEquals(List.of("-Xmx64m", "-Xms8m"), LaunchSpec.serveOptions(null, " -Xmx64m  -Xms8m ", 21));
        assertEquals(List.of("--enable-native-access=org.xerial.sqlitejdbc", "-Xss1m"),
                LaunchSpec.serveOptions("-Xss1m", "-Xmx64m", 24), "FLOWCRAFT_JAVA_OPTS wins");
        assertEquals(List.of(), LaunchSpec.serveOptions("", "-Xmx64m", 21), "set but empty: no options");
    }

    @Test
    void launchSpecsAddOptionsAndEnvironmentWithoutChangingTheOriginal() {
        LaunchSpec base = LaunchSpec.withPlugins(Path.of("/p"));
        LaunchSpec aot = base.withJvmOptions(AotCache.useOptions(Path.of("/c/s.aot"), 26))
                .withEnv(java.util.Map.of("OPENAI_BASE_URL", "http://127.0.0.1:1/v1"));
        assertEquals("-XX:AOTCache=/c/s.aot", aot.jvmOptions().getLast());
        assertEquals(base.jvmOptions().size() + 1, aot.jvmOptions().size());
        assertEquals(List.of("-XX:AOTCache=/c/s.aot", "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTAdapterCaching"),
                AotCache.useOptions(Path.of("/c/s.aot"), 25), "JDK 25 does without cached adapters");
        assertEquals(Optional.of(Path.of("/p")), aot.plugins());
        assertEquals("http://127.0.0.1:1/v1", aot.env().get("OPENAI_BASE_URL"));
        assertTrue(base.env().isEmpty());
        assertTrue(LaunchSpec.standard().benchNodes());
        assertEquals(Optional.empty(), LaunchSpec.served().plugins());
    }

    @Test
    void aotTrainerArgumentsSplitOwnOptionsFromTheServersJvmOptions() {
        AotTrainer.Args a = AotTrainer.Args.parse("--output", "/t/s.aot", "--plugins-dir", "/p", "--config", "/c.yaml",
                "--", "--enable-native-access=org.xerial.sqlitejdbc", "-Xmx512m");
        assertEquals(Path.of("/t/s.aot"), a.output());
        assertEquals(Optional.of(Path.of("/p")), a.plugins());
        assertEquals(List.of("--config", "/c.yaml"), a.serverArgs());
        assertEquals(List.of("--enable-native-access=org.xerial.sqlitejdbc", "-Xmx512m"), a.jvmOptions());
        assertEquals(List.of(), AotTrainer.Args.parse("--output", "x").jvmOptions());
        assertThrows(IllegalArgumentException.class, () -> AotTrainer.Args.parse("--plugins-dir", "/p"));
        assertThrows(IllegalArgumentException.class, () -> AotTrainer.Args.parse("--output"));
        assertThrows(IllegalArgumentException.class, () -> AotTrainer.Args.parse("--output", "x", "--bogus"));
    }

    @Test
    void aotTrainerReportsBadArgumentsWithExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, AotTrainer.run(new String[] {"--nope"}, new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: AotTrainer --output FILE"));
    }

    @Test
    void theStandInStreamsTheAskedTokensAsOpenAiChunksAndKeepsWhenItWroteThem() throws Exception {
        try (OpenAiStandIn standIn = OpenAiStandIn.start(); HttpClient http = HttpClient.newHttpClient()) {
            assertTrue(standIn.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+/v1"), standIn.baseUrl());
            String body = "{\"model\":\"gpt-4.1-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
                    + OpenAiStandIn.prompt(3, 0, "r7") + "\"}]}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/chat/completions"))
                    .header("Authorization", "Bearer sk-test").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse(""));
            List<String> events = r.body().lines().filter(l -> l.startsWith("data: ")).toList();
            assertEquals(5, events.size(), "3 tokens, the usage, [DONE]: " + r.body());
            JsonObject first = Json.createReader(new StringReader(events.getFirst().substring(6))).readObject();
            assertEquals("t0 ", first.getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("content"));
            assertTrue(events.get(3).contains("\"completion_tokens\":3"));
            assertEquals("data: [DONE]", events.getLast());
            long[] written = standIn.written("r7").orElseThrow();
            assertEquals(3, written.length);
            assertTrue(written[0] > 0 && written[0] <= written[1] && written[1] <= written[2]);
            assertEquals(Optional.empty(), standIn.written("other"));

            HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/models"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(models.body().contains("\"id\":\"gpt-4.1-mini\""), models.body());
        }
    }

    @Test
    void progressTextsSplitIntoTokenIndices() {
        assertArrayEquals(new int[] {3, 4}, OpenAiStandIn.tokens("t3 t4 "));
        assertArrayEquals(new int[] {12}, OpenAiStandIn.tokens("t12 "));
        assertArrayEquals(new int[] {-1, 5}, OpenAiStandIn.tokens("hello t5"));
        assertArrayEquals(new int[0], OpenAiStandIn.tokens("  "));
    }

    @Test
    void theTokenLogKeepsEachClientsTokensAndFlagsLossAndDisorder() {
        TokenLog log = new TokenLog();
        log.add(0, progress("x", "t0 ", 10));
        log.add(1, progress("x", "t0 t1 ", 12));
        log.add(0, progress("x", "t1 ", 11));
        log.add(0, new ExecEvent("node_completed", null, "x", "n", 5, null, 13));
        log.add(0, progress("y", "t0 ", 14));
        List<List<long[]>> x = log.remove("x", 3);
        assertEquals(3, x.size());
        assertEquals(2, x.get(0).size());
        assertArrayEquals(new long[] {1, 11}, x.get(0).get(1));
        assertArrayEquals(new long[] {1, 12}, x.get(1).get(1), "two tokens in one message share its time");
        assertEquals(List.of(), x.get(2));
        assertEquals(List.of(), log.remove("x", 1).getFirst(), "taken once");

        Violations ok = new Violations();
        TokenLog.check(x.get(0), 2, "c0", ok);
        assertEquals(0, ok.count());
        Violations lost = new Violations();
        TokenLog.check(x.get(2), 2, "c2", lost);
        TokenLog.check(List.of(new long[] {1, 0}, new long[] {0, 0}), 2, "c3", lost);
        assertEquals(2, lost.count(), lost.descriptions().toString());
    }

    @Test
    void progressEventsCarryTheirText() {
        ExecEvent e = ExecEvent.parse("{\"type\":\"node_progress\",\"payload\":{\"executionId\":\"x\",\"graphId\":\"g\","
                + "\"nodeId\":\"talker\",\"text\":\"t41 \"},\"timestamp\":\"2026-01-01T00:00:00Z\"}", 9);
        assertEquals(new ExecEvent("node_progress", null, "x", "talker", -1, "t41 ", 9), e);
    }

    @Test
    void aRunsFiguresAreTakenAtTheSlowestClient() {
        LlmStreamScenario.Run run = new LlmStreamScenario.Run(100, new long[] {150, 160, 170}, List.of(
                List.of(new long[] {0, 200}, new long[] {1, 200_000_200L}, new long[] {2, 400_000_200L}),
                List.of(new long[] {0, 300}, new long[] {1, 1_000_000_300L}, new long[] {2, 2_000_000_300L})));
        assertEquals(300, run.firstEverywhere());
        assertEquals(1.0, run.slowestRate(), 1e-9, "2 tokens after the first in 2 s");
    }

    @Test
    void theLlmDiagramIsADipeoLightDocumentWithOnePerson() {
        JsonObject d = Json.createReader(new StringReader(LlmStreamScenario.diagram(OpenAiStandIn.prompt(5, 100, "p1"))))
                .readObject();
        assertEquals("light", d.getString("version"));
        JsonObject talker = d.getJsonArray("nodes").getJsonObject(1);
        assertEquals("person_job", talker.getString("type"));
        assertEquals("Please stream 5 tokens every 100 us as p1.", talker.getString("default_prompt"));
        assertEquals("openai", d.getJsonObject("persons").getJsonObject(talker.getString("person")).getString("service"));
    }

    @Test
    void aResumingReaderExpectsOnlyTheMissedVersionsAsPatches() {
        Violations violations = new Violations();
        VersionTracker tracker = new VersionTracker(1);
        SyncReader r = SyncReader.resuming("r", tracker, violations, 5);
        assertEquals(5L, r.initial().join());
        r.onFrame(new Frame("graph_patch", 6, null, null, null, 20, null));
        r.onFrame(new Frame("graph_patch", 7, null, null, null, 30, null));
        assertEquals(0, violations.count(), violations.descriptions().toString());
        assertEquals(7, r.version());
        assertEquals(30, r.lastNanos());
        assertEquals(30, tracker.lastArrival(7).getAsLong());

        SyncReader snapshotted = SyncReader.resuming("s", new VersionTracker(1), violations, 5);
        snapshotted.onFrame(new Frame("sync_graph", 7, null, null, null, 40, null));
        assertTrue(violations.count() >= 1, "a snapshot instead of the missed patches");
    }

    @Test
    void coldStartFiguresAreMediansWithTheIssuesTargets() {
        List<ColdStart> starts = List.of(new ColdStart(400, 450, 110), new ColdStart(500, 560, 130),
                new ColdStart(420, 480, Double.NaN));
        List<Metric> rows = ColdStartScenario.figures("aot_", starts);
        assertEquals("aot_first_ws_p50", rows.getFirst().name());
        assertEquals(480, rows.getFirst().value());
        assertEquals(Boolean.TRUE, rows.getFirst().targetMet());
        assertEquals(450, rows.get(1).value());
        assertEquals(560, rows.get(2).value());
        assertEquals(420, rows.get(3).value());
        Metric rss = rows.getLast();
        assertEquals("aot_idle_rss_p50", rss.name());
        assertEquals(110, rss.value(), "unreadable memory is left out; lower middle of two");
        assertEquals(Metric.Target.atMost(120), rss.target());
        assertEquals(Duration.ofSeconds(3), ColdStart.settle(context(false)));
        assertEquals(Duration.ofSeconds(1), ColdStart.settle(context(true)));
    }

    @Test
    void theNewScenariosAreInTheCatalogueAndLoadedRssRunsLast() {
        List<String> names = Scenarios.all().stream().map(Scenario::name).toList();
        assertTrue(names.containsAll(List.of("llm-stream", "reconnect-storm", "cold-start", "plugins-20", "rss-loaded")));
        assertEquals("rss-loaded", names.getLast());
        assertEquals(names.size(), names.stream().distinct().count());
        ScenarioContext ctx = context(false);
        assertEquals(Duration.ofSeconds(75), new JoinScenario().limit(ctx));
        assertTrue(new ColdStartScenario().limit(ctx).compareTo(Duration.ofMinutes(2)) > 0);
        assertTrue(new LoadedRssScenario().run(ctx).failure().contains("--pid"), "no pid, no figures");
    }

    private static ExecEvent progress(String execution, String text, long nanos) {
        return new ExecEvent("node_progress", null, execution, "talker", -1, text, nanos);
    }

    private static ScenarioContext context(boolean quick) {
        BenchOptions options = quick ? BenchOptions.parse("--quick") : BenchOptions.parse();
        return new ScenarioContext(URI.create("ws://127.0.0.1:1/ws"), options, null, null,
                new ProcSampler(ProcessHandle.current().pid(), 100));
    }
}
