package io.flowcraft.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.flowcraft.cli.CliFixture.diagram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -p … -m io.flowcraft.cli/io.flowcraft.cli.Main run …} as a real process. */
class ProcessTest {
    @TempDir
    Path cwd;

    private Process start(String... args) throws IOException {
        return CliFixture.child(cwd, args).start();
    }

    @Test
    void runsADiagramFileInItsWorkingDirectory() throws Exception {
        String plugins = CliFixture.pluginsDir(cwd).toString();
        diagram(cwd, "linear.json");
        Process p = start("run", "linear.json", "--plugins-dir", plugins, "--input", "who=world");
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> CliFixture.read(p, false));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> CliFixture.read(p, true));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run ends");
        assertEquals(0, p.exitValue(), () -> out.join() + err.join());
        assertEquals("HELLO WORLD!", Files.readString(cwd.resolve("files/results/linear.txt")).strip());
        assertTrue(out.join().contains("node_completed Shout "), out::join);
        assertEquals("", err.join(), "no log noise on stderr");
    }

    @Test
    void ctrlCCancelsTheRunKillsTheJobAndExits130() throws Exception {
        String plugins = CliFixture.pluginsDir(cwd).toString();
        diagram(cwd, "slow.light.yaml");
        Process p = start("run", "slow.light.yaml", "--plugins-dir", plugins);
        p.getOutputStream().close();
        CountDownLatch napping = new CountDownLatch(1);
        StringBuilder seen = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (seen) {
                        seen.append(line).append('\n');
                    }
                    if (line.equals("node_started Nap")) {
                        napping.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> CliFixture.read(p, true));
        assertTrue(napping.await(30, TimeUnit.SECONDS), "the job starts: " + seen);
        Thread.sleep(300);
        List<ProcessHandle> jobs = p.descendants().toList();
        assertTrue(!jobs.isEmpty() && jobs.stream().allMatch(Children::running), "the nap runs: " + jobs);
        long started = System.nanoTime();
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(p.waitFor(15, TimeUnit.SECONDS), "the run stops on SIGINT: " + seen);
        reader.join(5_000);
        long ms = (System.nanoTime() - started) / 1_000_000;
        String out;
        synchronized (seen) {
            out = seen.toString();
        }
        assertEquals(130, p.exitValue(), () -> out + err.join());
        assertTrue(out.contains("execution_cancelled after "), out);
        assertTrue(out.contains("interrupted (Ctrl-C)"), out);
        assertTrue(ms < 10_000, "stopped after " + ms + " ms, not after the 30 s nap");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (jobs.stream().anyMatch(Children::running) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(jobs.stream().noneMatch(Children::running), "the job's processes are gone: " + jobs);
    }
}
