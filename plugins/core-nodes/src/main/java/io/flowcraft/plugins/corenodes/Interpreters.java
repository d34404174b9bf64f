package io.flowcraft.plugins.corenodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Where interpreters are looked up. System directories come before {@code PATH}, so that
 * {@code python3} is a real binary the sandbox user can run rather than a version manager's shim
 * under someone's home directory.
 *
 * @param directories the directories searched, in order
 */
record Interpreters(List<String> directories) {
    /** Copies the list. */
    Interpreters {
        directories = List.copyOf(directories);
    }

    /** System directories, then this process's {@code PATH}. */
    static Interpreters host() {
        LinkedHashSet<String> dirs = new LinkedHashSet<>(List.of("/usr/local/bin", "/usr/bin", "/bin"));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                if (!dir.isBlank()) {
                    dirs.add(dir);
                }
            }
        }
        return new Interpreters(new ArrayList<>(dirs));
    }

    /** The interpreter's real path, following links. */
    Optional<Path> find(String command) {
        for (String dir : directories) {
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                try {
                    return Optional.of(candidate.toRealPath());
                } catch (java.io.IOException e) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
