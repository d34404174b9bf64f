package io.flowcraft.plugins.corenodes;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one sandboxed command to completion, timeout, output overflow or interruption, and in every
 * case kills its whole process tree (process group, descendants and, when there is one, every
 * process of its cgroup) before returning.
 */
final class SandboxProcess {
    private static final int STDERR_TAIL = 64 * 1024;

    /**
     * What happened.
     *
     * @param exitCode       the exit status ({@code -1} when it was killed)
     * @param stdout         standard output, at most the output cap
     * @param stderr         the end of standard error
     * @param timedOut       whether the wall-clock timeout killed it
     * @param outputExceeded whether it printed more than the cap and was stopped
     */
    record Outcome(int exitCode, String stdout, String stderr, boolean timedOut, boolean outputExceeded) {
    }

    private SandboxProcess() {
    }

    /**
     * Runs {@code program} in {@code workdir} under {@code isolation}.
     *
     * @throws InterruptedException when the calling thread is interrupted (the run was cancelled);
     *                              the process tree is dead by then
     */
    static Outcome run(Isolation isolation, Path workdir, List<String> program, Map<String, String> env,
                       Limits limits) throws IOException, InterruptedException {
        Optional<Path> cgroup = createCgroup(isolation, limits);
        List<String> command = new SandboxCommand(isolation, workdir, limits).build(program, cgroup);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workdir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        AtomicBoolean overflow = new AtomicBoolean();
        Process process = null;
        try {
            process = builder.start();
            Process started = process;
            Runnable stop = () -> {
                overflow.set(true);
                killTree(started, isolation, cgroup);
            };
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread outReader = Thread.ofVirtual().start(() -> pump(started.getInputStream(), out, limits.maxOutputBytes(),
                    false, stop));
            Thread errReader = Thread.ofVirtual().start(() -> pump(started.getErrorStream(), err, limits.maxOutputBytes(),
                    true, stop));
            boolean finished = process.waitFor(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
            killTree(process, isolation, cgroup);
            outReader.join(2000);
            errReader.join(2000);
            int exit = process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : -1;
            return new Outcome(finished ? exit : -1, text(out), text(err), !finished && !overflow.get(),
                    overflow.get());
        } finally {
            if (process != null) {
                killTree(process, isolation, cgroup);
                process.getInputStream().close();
                process.getErrorStream().close();
            }
            cgroup.ifPresent(SandboxProcess::removeCgroup);
        }
    }

    private static String text(ByteArrayOutputStream buffer) {
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    /** Copies a stream into a buffer; past {@code max} bytes it stops the job (or, for stderr, keeps the tail). */
    private static void pump(InputStream in, ByteArrayOutputStream into, long max, boolean tail, Runnable stop) {
        byte[] chunk = new byte[8192];
        long total = 0;
        try (in) {
            for (int n; (n = in.read(chunk)) > 0; ) {
                total += n;
                synchronized (into) {
                    if (tail) {
                        into.write(chunk, 0, n);
                        if (into.size() > STDERR_TAIL) {
                            byte[] all = into.toByteArray();
                            into.reset();
                            into.write(all, all.length - STDERR_TAIL / 2, STDERR_TAIL / 2);
                        }
                    } else {
                        into.write(chunk, 0, (int) Math.min(n, Math.max(0, max - into.size())));
                    }
                }
                if (total > max) {
                    stop.run();
                    return;
                }
            }
        } catch (IOException e) {
            // the process was killed and its pipe closed
        }
    }

    /** Kills the process, its group, its descendants and everything left in its cgroup. */
    static void killTree(Process process, Isolation isolation, Optional<Path> cgroup) {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (isolation.setsid().isPresent()) {
            // also after the leader exited: its group may live on (a pgid is not reused while in use)
            killGroup(process.pid());
        }
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        cgroup.ifPresent(SandboxProcess::emptyCgroup);
    }

    private static void killGroup(long pgid) {
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill binary: descendants and the cgroup still get killed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Path> createCgroup(Isolation isolation, Limits limits) {
        return isolation.pidsCgroup().flatMap(root -> {
            Path dir = root.resolve("flowcraft-job-" + UUID.randomUUID());
            try {
                Files.createDirectory(dir);
                Files.writeString(dir.resolve("pids.max"), Integer.toString(limits.maxProcesses()));
                return Optional.of(dir);
            } catch (IOException e) {
                removeCgroup(dir);
                return Optional.empty();
            }
        });
    }

    private static void emptyCgroup(Path dir) {
        for (int round = 0; round < 200; round++) {
            List<String> pids;
            try {
                pids = Files.readAllLines(dir.resolve("cgroup.procs")).stream().filter(s -> !s.isBlank()).toList();
            } catch (IOException e) {
                return;
            }
            if (pids.isEmpty()) {
                return;
            }
            pids.forEach(pid -> ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly));
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // keep killing: an interrupt must not leave processes behind
            }
        }
    }

    private static void removeCgroup(Path dir) {
        emptyCgroup(dir);
        for (int i = 0; i < 50; i++) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
