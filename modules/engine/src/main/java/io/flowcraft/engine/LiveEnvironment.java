package io.flowcraft.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Environment variables that can change while the server runs, for keys and secrets that are
 * rotated without a restart. A lookup asks, in order:
 * <ol>
 *   <li>an environment file ({@code NAME=value} lines, as Docker's {@code --env-file} and
 *       dotenv read them: {@code #} comments, optional {@code export }, optional single or double
 *       quotes);</li>
 *   <li>a secrets directory, one file per variable named after it (as Docker and Kubernetes mount
 *       secrets: {@code /run/secrets/OPENAI_API_KEY}), the file's content trimmed;</li>
 *   <li>the process environment.</li>
 * </ol>
 * Each file is re-read when its modification time, size or identity changes (an atomic rename
 * counts), so the next lookup after a rotation sees the new value; a caller that already holds a
 * value keeps it. A file that cannot be read is logged once per change and skipped, never fatal.
 * Thread-safe.
 */
public final class LiveEnvironment implements Function<String, Optional<String>> {
    private static final System.Logger LOG = System.getLogger(LiveEnvironment.class.getName());

    /** A variable's name; other files in the secrets directory (Kubernetes' {@code ..data}) are not variables. */
    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Optional<Path> envFile;
    private final Optional<Path> secretsDir;
    private final Function<String, Optional<String>> process;
    private final Map<Path, Snapshot> snapshots = new ConcurrentHashMap<>();

    /** One read of a file, with what identifies that version of it. */
    private record Snapshot(Object stamp, Map<String, String> values) {
    }

    /**
     * Creates the environment.
     *
     * @param envFile    an environment file, if any (need not exist yet)
     * @param secretsDir a directory of secret files, if any (need not exist yet)
     * @param process    the process environment (normally {@code System::getenv} wrapped)
     */
    public LiveEnvironment(Optional<Path> envFile, Optional<Path> secretsDir, Function<String, Optional<String>> process) {
        this.envFile = Objects.requireNonNull(envFile, "envFile").map(p -> p.toAbsolutePath().normalize());
        this.secretsDir = Objects.requireNonNull(secretsDir, "secretsDir").map(p -> p.toAbsolutePath().normalize());
        this.process = Objects.requireNonNull(process, "process");
    }

    /**
     * The process environment alone, with the files that {@code FLOWCRAFT_ENV_FILE} and
     * {@code FLOWCRAFT_ENV_DIR} name, if set.
     *
     * @param process the process environment
     * @return the environment
     */
    public static LiveEnvironment of(Function<String, Optional<String>> process) {
        return new LiveEnvironment(process.apply("FLOWCRAFT_ENV_FILE").filter(s -> !s.isBlank()).map(Path::of),
                process.apply("FLOWCRAFT_ENV_DIR").filter(s -> !s.isBlank()).map(Path::of), process);
    }

    @Override
    public Optional<String> apply(String name) {
        if (envFile.isPresent()) {
            String v = read(envFile.get(), Kind.ENV_FILE).get(name);
            if (v != null) {
                return Optional.of(v);
            }
        }
        if (secretsDir.isPresent() && VARIABLE.matcher(name).matches()) {
            Path file = secretsDir.get().resolve(name);
            String v = read(file, Kind.SECRET).get(name);
            if (v != null) {
                return Optional.of(v);
            }
        }
        return process.apply(name);
    }

    /**
     * The names of the variables the environment file and the secrets directory define that start
     * with a prefix, such as every {@code FLOWCRAFT_AUTH_TOKENS_<NAME>}; re-read on change, as
     * lookups are. The process environment is not listed (it does not change while the server
     * runs: its caller knows its names).
     *
     * @param prefix the start of the names
     * @return the names, sorted
     */
    public java.util.SortedSet<String> names(String prefix) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        envFile.ifPresent(f -> out.addAll(read(f, Kind.ENV_FILE).keySet()));
        secretsDir.ifPresent(d -> out.addAll(read(d, Kind.DIRECTORY).keySet()));
        out.removeIf(n -> !n.startsWith(prefix));
        return out;
    }

    /** What a file read is: a dotenv file, one secret file, or the secrets directory's listing. */
    private enum Kind { ENV_FILE, SECRET, DIRECTORY }

    private Map<String, String> read(Path file, Kind kind) {
        Object stamp;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            stamp = java.util.List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
        } catch (NoSuchFileException e) {
            snapshots.remove(file);
            return Map.of();
        } catch (IOException e) {
            return Map.of();
        }
        Snapshot s = snapshots.get(file);
        if (s != null && s.stamp().equals(stamp)) {
            return s.values();
        }
        Map<String, String> values;
        try {
            values = switch (kind) {
                case ENV_FILE -> parse(Files.readString(file, StandardCharsets.UTF_8));
                case SECRET -> Map.of(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8).strip());
                case DIRECTORY -> listing(file);
            };
            if (s != null) {
                LOG.log(System.Logger.Level.INFO, file + " changed; its values apply to the next call");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read " + file + " (" + e.getClass().getSimpleName()
                    + "); using the values it had before, if any");
            values = s == null ? Map.of() : s.values();
        }
        snapshots.put(file, new Snapshot(stamp, values));
        return values;
    }

    /** The secret files in a directory, by name (values empty: {@link #apply} reads each one). */
    private static Map<String, String> listing(Path dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (var files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> VARIABLE.matcher(n).matches())
                    .forEach(n -> out.put(n, ""));
        }
        return out;
    }

    /**
     * Parses environment-file text.
     *
     * @param text the file's content
     * @return name → value, later lines winning
     */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                    && value.charAt(value.length() - 1) == value.charAt(0)) {
                value = value.substring(1, value.length() - 1);
            } else {
                int comment = value.indexOf(" #");
                if (comment >= 0) {
                    value = value.substring(0, comment).strip();
                }
            }
            out.put(name, value);
        }
        return out;
    }
}
