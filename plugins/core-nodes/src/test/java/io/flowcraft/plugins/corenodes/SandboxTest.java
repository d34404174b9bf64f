package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.NodeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Containment: what a hostile or careless job cannot do. Processes a job starts are found by a
 * marker in their command line ({@code sleep 3600.<random>}), which works inside a PID namespace too.
 */
class SandboxTest {
    @TempDir
    Path base;

    private final Job job = new Job();
    private final String marker = "3600." + ThreadLocalRandom.current().nextInt(100_000, 999_999);

    private TestContext context(String language, String code, Map<String, ?> extra) {
        Map<String, Object> data = new java.util.HashMap<>(Map.of("language", language, "code", code));
        data.putAll(extra);
        return TestContext.of(data, Map.of(), base);
    }

    private List<ProcessHandle> marked() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)).toList();
    }

    private void assertNoneLeft() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!marked().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), marked().stream().map(ProcessHandle::pid).toList(), "processes left behind");
    }

    @Test
    void anInfiniteLoopIsKilledAtItsTimeout() {
        long start = System.nanoTime();
        NodeFailure failure = assertThrows(NodeFailure.class,
                () -> job.execute(context("python", "while True:\n    pass\n", Map.of("timeout", 2))));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue(failure.getMessage().contains("longer than 2 s"), failure.getMessage());
        assertTrue(seconds < 6, "took " + seconds + " s");
    }

    @Test
    void theEnginesTimeoutWinsWhenItIsShorter() {
        NodeFailure failure = assertThrows(NodeFailure.class, () -> job.execute(
                context("bash", "sleep " + marker, Map.of("timeout", 60)).withTimeout(Duration.ofSeconds(1))));
        assertTrue(failure.getMessage().contains("longer than 1 s"), failure.getMessage());
    }

    @Test
    void aJobPrintingGigabytesIsCutOff() {
        NodeFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThrows(NodeFailure.class,
                () -> job.execute(context("python", "import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n",
                        Map.of("timeout", 20)))));
        assertTrue(failure.getMessage().contains("printed more than 1048576 bytes"), failure.getMessage());
        NodeFailure small = assertThrows(NodeFailure.class,
                () -> job.execute(context("bash", "yes", Map.of("max_output_bytes", 1000))));
        assertTrue(small.getMessage().contains("more than 1000 bytes"), small.getMessage());
    }

    @Test
    void memoryIsCapped() {
        NodeFailure failure = assertThrows(NodeFailure.class,
                () -> job.execute(context("python", "block = bytearray(3 * 1024 ** 3)\nresult = len(block)", Map.of())));
        assertTrue(failure.getMessage().contains("MemoryError"), failure.getMessage());
    }

    @Test
    void cancellingKillsTheWholeProcessTree() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                job.execute(context("bash", "sleep " + marker + " & (sleep " + marker + " &); sleep " + marker,
                        Map.of("timeout", 60)));
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (marked().size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(3, marked().size(), "the job started its three sleeps");
        runner.interrupt();
        assertInstanceOf(InterruptedException.class, outcome.get(5, TimeUnit.SECONDS));
        assertNoneLeft();
    }

    @Test
    void backgroundProcessesDieWithTheJob() throws Exception {
        NodeResult result = job.execute(context("bash", "(setsid sleep " + marker + " &); nohup sleep " + marker
                + " >/dev/null 2>&1 & echo started", Map.of()));
        assertEquals("started", result.output());
        assertNoneLeft();
    }

    @Test
    void aBoundedForkFloodIsContainedAndCleanedUp() throws Exception {
        long start = System.nanoTime();
        assertThrows(NodeFailure.class, () -> job.execute(context("bash",
                "for i in $(seq 1 5000); do sleep " + marker + " & done; wait", Map.of("timeout", 3))));
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 15);
        assertNoneLeft();
        assertEquals("still fine", job.execute(context("bash", "echo still fine", Map.of())).output());
    }

    @Test
    void aForkBombIsContainedAndCleanedUp() throws Exception {
        assumeTrue(Isolation.host().pidsCgroup().isPresent() || Isolation.host().bwrap().isPresent(),
                "needs a pids cgroup or a PID namespace: " + Isolation.host().describe());
        long before = nobodyProcesses();
        long start = System.nanoTime();
        assertThrows(NodeFailure.class, () -> job.execute(context("bash",
                "bomb() { sleep " + marker + " & bomb | bomb & }; bomb; wait", Map.of("timeout", 3))));
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 15);
        assertNoneLeft();
        assertTrue(nobodyProcesses() <= before, "processes of the sandbox user left behind");
        assertEquals("still fine", job.execute(context("bash", "echo still fine", Map.of())).output());
    }

    private static long nobodyProcesses() {
        return ProcessHandle.allProcesses().filter(p -> p.info().user().map("nobody"::equals).orElse(false)).count();
    }

    @Test
    void readingOutsideTheJobDirectoryFails() throws Exception {
        assumeTrue(Isolation.host().confinesWrites(), Isolation.host().describe());
        Path secret = Files.writeString(base.resolve("secret.txt"), "s3cret");
        String code = "out = []\nfor p in " + pythonList(secret.toString(), "/root/.bashrc", "/etc/shadow") + ":\n"
                + "    try:\n        out.append(open(p).read())\n    except OSError:\n        out.append('refused')\n"
                + "result = out";
        assertEquals(List.of("refused", "refused", "refused"), job.execute(context("python", code, Map.of())).output());
    }

    @Test
    void writingOutsideTheJobDirectoryFails() throws Exception {
        assumeTrue(Isolation.host().confinesWrites(), Isolation.host().describe());
        Path inBase = base.resolve("planted.txt");
        Path inRoot = Path.of("/root/flowcraft-planted-" + marker);
        List<Path> targets = Isolation.host().bwrap().isPresent()
                ? List.of(inBase, inRoot, Path.of("/tmp/flowcraft-planted-" + marker))
                : List.of(inBase, inRoot);
        String code = "import os\nout = []\nfor p in " + pythonList(targets.stream().map(Path::toString).toArray(String[]::new))
                + ":\n    try:\n        open(p, 'w').write('x')\n        out.append('written')\n"
                + "    except OSError:\n        out.append('refused')\nresult = out";
        Object output = job.execute(context("python", code, Map.of())).output();
        assertEquals(targets.stream().map(t -> "refused").toList(), output);
        targets.forEach(t -> assertFalse(Files.exists(t), t + " exists"));
    }

    @Test
    void thereIsNoNetworkUnderBubblewrap() throws Exception {
        assumeTrue(Isolation.host().bwrap().isPresent(), Isolation.host().describe());
        String code = "import socket\ntry:\n    socket.create_connection(('1.1.1.1', 53), timeout=3)\n"
                + "    result = 'connected'\nexcept OSError:\n    result = 'no network'";
        assertEquals("no network", job.execute(context("python", code, Map.of())).output());
    }

    private static String pythonList(String... items) {
        return "[" + String.join(", ", java.util.Arrays.stream(items).map(i -> "'" + i + "'").toList()) + "]";
    }
}
