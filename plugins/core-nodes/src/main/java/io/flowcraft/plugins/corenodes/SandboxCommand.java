package io.flowcraft.plugins.corenodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the command line that starts an interpreter inside the sandbox: every layer execs the
 * next, so the process Java starts is the sandbox's root ({@code setsid} → cgroup join →
 * {@code prlimit} → {@code bwrap} → {@code setpriv} → interpreter).
 *
 * @param isolation what the host offers
 * @param workdir   the job's directory, the only writable place
 * @param limits    the job's limits
 */
record SandboxCommand(Isolation isolation, Path workdir, Limits limits) {
    private static final List<String> SYSTEM_DIRS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");
    private static final List<String> ETC_FILES = List.of("/etc/alternatives", "/etc/ld.so.cache", "/etc/localtime",
            "/etc/ssl", "/etc/nsswitch.conf", "/etc/passwd", "/etc/group");

    /** The command without a cgroup. */
    List<String> build(List<String> program) {
        return build(program, Optional.empty());
    }

    /**
     * The command.
     *
     * @param program  the interpreter and its arguments; the interpreter as an absolute path
     * @param cgroup   the job's own pids cgroup, which the sandbox joins before anything else runs
     * @return the command line
     */
    List<String> build(List<String> program, Optional<Path> cgroup) {
        List<String> cmd = new ArrayList<>();
        isolation.setsid().ifPresent(p -> cmd.add(p.toString()));
        cgroup.ifPresent(dir -> {
            cmd.addAll(List.of("/bin/sh", "-c", "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"", dir.toString()));
        });
        isolation.prlimit().ifPresent(p -> {
            cmd.add(p.toString());
            cmd.add("--cpu=" + limits.cpuSeconds());
            cmd.add("--as=" + limits.memoryBytes());
            cmd.add("--fsize=" + limits.maxFileBytes());
            cmd.add("--nofile=256");
            cmd.add("--core=0");
            if (isolation.setpriv().isPresent()) {
                // counts every process of nobody, so it is a backstop above the per-job cgroup
                cmd.add("--nproc=" + limits.maxProcesses() * 4);
            }
            cmd.add("--");
        });
        isolation.bwrap().ifPresent(b -> cmd.addAll(bwrap(b, program.getFirst())));
        isolation.setpriv().ifPresent(p -> cmd.addAll(List.of(p.toString(),
                "--reuid=" + Isolation.NOBODY, "--regid=" + Isolation.NOBODY, "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--")));
        cmd.addAll(program);
        return cmd;
    }

    private List<String> bwrap(Path bwrap, String interpreter) {
        List<String> args = new ArrayList<>(List.of(bwrap.toString(), "--ro-bind", "/usr", "/usr"));
        for (String dir : SYSTEM_DIRS) {
            Path path = Path.of(dir);
            if (Files.isSymbolicLink(path)) {
                args.addAll(List.of("--symlink", readLink(path), dir));
            } else if (Files.isDirectory(path)) {
                args.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        // directories bubblewrap creates for mount points are 0700: nobody could not pass them
        args.addAll(List.of("--perms", "0755", "--dir", "/etc"));
        for (String file : ETC_FILES) {
            args.addAll(List.of("--ro-bind-try", file, file));
        }
        Path home = installationOf(Path.of(interpreter));
        if (!home.startsWith("/usr") && !SYSTEM_DIRS.contains(home.toString())) {
            args.addAll(List.of("--ro-bind", home.toString(), home.toString()));
        }
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        for (int i = 1; i < workdir.getNameCount(); i++) {
            Path ancestor = workdir.getRoot().resolve(workdir.subpath(0, i));
            if (!ancestor.toString().equals("/tmp")) {
                args.addAll(List.of("--perms", "0755", "--dir", ancestor.toString()));
            }
        }
        args.addAll(List.of("--bind", workdir.toString(), workdir.toString(), "--chdir", workdir.toString(),
                "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                "--die-with-parent", "--new-session"));
        if (isolation.setpriv().isEmpty()) {
            // not root: bubblewrap needs a user namespace; as root, setpriv drops to nobody inside
            args.add("--unshare-user-try");
            args.addAll(List.of("--cap-drop", "ALL"));
        }
        args.add("--");
        return args;
    }

    /** {@code /opt/node/bin/node} → {@code /opt/node}: the tree an interpreter loads its libraries from. */
    private static Path installationOf(Path interpreter) {
        Path bin = interpreter.getParent();
        Path home = bin == null ? interpreter : bin.getParent();
        return home == null || home.getNameCount() == 0 ? bin : home;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (java.io.IOException e) {
            return link.toString();
        }
    }
}
