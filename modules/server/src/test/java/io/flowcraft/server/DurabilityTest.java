package io.flowcraft.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** An acknowledged version survives kill -9; a clean restart keeps everything. */
class DurabilityTest {
    static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void versionSeenByAClientSurvivesKill9() throws Exception {
        Path data = dir.resolve("data");
        Process first = launch(data);
        Map<String, Object> seen;
        try (WsClient c = WsClient.connect(port(first), "graph=durable")) {
            c.next("sync_graph");
            long v = 0;
            for (int i = 0; i < 5; i++) {
                c.sendSync(v, TestServers.graph(20 + i, "edit" + i, 50), "k" + i);
                v = WsClient.version(c.next("sync_graph"));
            }
            c.sendSync(v, TestServers.graph(42, "last", 50), "last");
            seen = c.next("sync_graph");
            first.destroyForcibly(); // SIGKILL right after the broadcast was seen
        }
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, first.exitValue(), "killed by SIGKILL");
        Process second = launch(data);
        try (WsClient c = WsClient.connect(port(second), "graph=durable")) {
            Map<String, Object> restored = c.next("sync_graph");
            assertEquals(WsClient.version(seen), WsClient.version(restored));
            assertEquals(WsClient.payload(seen).get("graph"), WsClient.payload(restored).get("graph"));
        } finally {
            second.destroy();
            assertTrue(second.waitFor(10, TimeUnit.SECONDS), "SIGTERM stops the server promptly");
            assertEquals(0, second.exitValue() == 143 ? 0 : second.exitValue(), "clean exit on SIGTERM");
        }
    }

    @Test
    void cleanRestartKeepsEveryGraphAndItsHistory() {
        try (FlowcraftServer server = FlowcraftServer.start(TestServers.config(dir));
             WsClient c = WsClient.connect(server.port(), "graph=restart")) {
            c.next("sync_graph");
            c.sendSync(0, TestServers.graph(3, "a", 0), "1");
            c.next("sync_graph");
            c.sendSync(1, TestServers.graph(4, "b", 0), "2");
            c.next("sync_graph");
        }
        try (FlowcraftServer server = FlowcraftServer.start(TestServers.config(dir));
             WsClient c = WsClient.connect(server.port(), "graph=restart")) {
            Map<String, Object> m = c.next("sync_graph");
            assertEquals(2L, WsClient.version(m));
            assertEquals(4, WsClient.nodes(m).size());
            assertEquals(3, server.store().version("restart", 1).orElseThrow().graph().nodes().size());
        }
    }

    private static Process launch(Path data) throws Exception {
        return launch(data, List.of(), Map.of());
    }

    /** A server process on the test run's module path, with more JVM options and environment variables. */
    static Process launch(Path data, List<String> jvmOptions, Map<String, String> env) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("--enable-native-access=org.xerial.sqlitejdbc",
                // the test run's module path, and its class path: surefire leaves there the automatic
                // modules nobody requires by name (micrometer.commons, …), which the dist's lib/ resolves
                "-p", System.getProperty("jdk.module.path"), "-cp", System.getProperty("java.class.path"),
                "-m", "io.flowcraft.server/io.flowcraft.server.Main",
                "--port", "0", "--data-dir", data.toString(), "--plugins-dir", data.resolveSibling("plugins").toString()));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder.start();
    }

    private static int port(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = out.readLine();
            if (line == null) {
                break;
            }
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> { }));
                return Integer.parseInt(m.group(1));
            }
        }
        p.destroyForcibly();
        return fail("the server did not start:\n" + seen);
    }
}
