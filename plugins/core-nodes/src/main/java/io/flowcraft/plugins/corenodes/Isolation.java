package io.flowcraft.plugins.corenodes;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The isolation this host offers code jobs, probed once per plugin load.
 *
 * <p>Layers, each used when present: {@code setsid} (own process group, killed as a whole),
 * {@code prlimit} (CPU, address space, file size, open files, processes), a per-job cgroup
 * {@code pids} controller (bounds fork bombs, finds escaped processes), dropping root to
 * {@code nobody} with {@code setpriv} (so the process limit applies and nothing outside the job
 * directory is writable) and bubblewrap (no network, private PID namespace, only system
 * directories visible, read-only).
 *
 * @param setsid     the {@code setsid} binary
 * @param prlimit    the {@code prlimit} binary
 * @param setpriv    the {@code setpriv} binary, when the job should drop root to {@code nobody}
 * @param bwrap      the {@code bwrap} binary, when it was probed to work
 * @param pidsCgroup the cgroup directory under which per-job {@code pids} groups are made
 */
record Isolation(Optional<Path> setsid, Optional<Path> prlimit, Optional<Path> setpriv, Optional<Path> bwrap,
                 Optional<Path> pidsCgroup) {
    /** The uid and gid a job runs as when the host runs as root ({@code nobody}). */
    static final int NOBODY = 65534;
    private static final System.Logger LOG = System.getLogger(Isolation.class.getName());
    private static final List<Path> SYSTEM_BIN = List.of(Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/sbin"),
            Path.of("/sbin"));

    /** The host's isolation, probed on first use and logged once. */
    static Isolation host() {
        return Detected.HOST;
    }

    /** No isolation beyond a fresh directory and a scrubbed environment, for hosts without the tools. */
    static Isolation none() {
        return new Isolation(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether files outside the job directory are protected from writes. */
    boolean confinesWrites() {
        return bwrap.isPresent() || setpriv.isPresent();
    }

    /** One line for logs and reports. */
    String describe() {
        List<String> layers = new ArrayList<>();
        setsid.ifPresent(p -> layers.add("own session (setsid)"));
        prlimit.ifPresent(p -> layers.add("rlimits (prlimit)"));
        pidsCgroup.ifPresent(p -> layers.add("pids cgroup " + p));
        setpriv.ifPresent(p -> layers.add("runs as nobody (setpriv)"));
        bwrap.ifPresent(p -> layers.add("bubblewrap: no network, private pids, read-only system dirs"));
        return layers.isEmpty() ? "none: jobs run as this user with a scrubbed environment only"
                : String.join(", ", layers);
    }

    private static Isolation detect() {
        Optional<Path> setsid = find("setsid");
        Optional<Path> prlimit = find("prlimit");
        boolean root = isRoot();
        Optional<Path> setpriv = root ? find("setpriv") : Optional.empty();
        Optional<Path> cgroup = root ? probeCgroup() : Optional.empty();
        Isolation base = new Isolation(setsid, prlimit, setpriv, Optional.empty(), cgroup);
        Optional<Path> bwrap = find("bwrap").filter(b -> probe(base.withBwrap(b)));
        Isolation host = base.withBwrap(bwrap.orElse(null));
        LOG.log(host.confinesWrites() ? Level.INFO : Level.WARNING, "code jobs run with isolation: " + host.describe()
                + (host.confinesWrites() ? "" : "; files outside a job's directory are NOT protected"));
        return host;
    }

    private Isolation withBwrap(Path bwrapPath) {
        return new Isolation(setsid, prlimit, setpriv, Optional.ofNullable(bwrapPath), pidsCgroup);
    }

    /** Runs {@code true} through the whole sandbox: bubblewrap may exist and still fail in a container. */
    private static boolean probe(Isolation candidate) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("flowcraft-probe-");
            List<String> command = new SandboxCommand(candidate, dir, Limits.probe())
                    .build(List.of(Path.of("/bin/sh").toString(), "-c", "exit 0"));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            String out = new String(p.getInputStream().readAllBytes());
            if (p.exitValue() != 0) {
                LOG.log(Level.INFO, "bubblewrap is installed but does not work here: " + out.strip());
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (dir != null) {
                Workdir.deleteQuietly(dir);
            }
        }
    }

    private static Optional<Path> probeCgroup() {
        for (Path root : List.of(Path.of("/sys/fs/cgroup/pids"), Path.of("/sys/fs/cgroup"))) {
            Path test = root.resolve("flowcraft-probe-" + UUID.randomUUID());
            try {
                if (!Files.isRegularFile(root.resolve("cgroup.procs")) || !Files.isWritable(root)) {
                    continue;
                }
                Files.createDirectory(test);
                boolean ok = Files.exists(test.resolve("pids.max"));
                Files.delete(test);
                if (ok) {
                    return Optional.of(root);
                }
            } catch (IOException | RuntimeException e) {
                Workdir.deleteQuietly(test);
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<Path> find(String name) {
        return SYSTEM_BIN.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
    }

    /** Lazy holder: the probe runs when the first job does, not when the class loads. */
    private static final class Detected {
        static final Isolation HOST = detect();
    }
}
