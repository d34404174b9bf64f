package io.flowcraft.graph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Lets sqlite-jdbc load its native library from a copy kept in a directory of ours instead of
 * extracting it from its jar into the temporary directory, and checking it there, at every start
 * (tens of milliseconds of each start). The copy is made once per driver version and platform;
 * where the platform is not one this knows, or anything fails, the driver does as it always does.
 */
public final class SqliteNative {
    private static final System.Logger LOG = System.getLogger(SqliteNative.class.getName());
    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNative() {
    }

    /**
     * Points sqlite-jdbc at a copy of its native library under {@code cacheDir}, making the copy
     * the first time. Call before the first database opens; does nothing when the JVM already
     * names a library ({@code -Dorg.sqlite.lib.path}).
     *
     * @param cacheDir a directory this process may write (created if missing)
     * @return the library used, or empty when the driver finds its own
     */
    public static synchronized Optional<Path> useCopyIn(Path cacheDir) {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return Optional.empty();
        }
        Optional<String> folder = platformFolder();
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        String name = System.mapLibraryName("sqlitejdbc");
        String resource = "/org/sqlite/native/" + folder.get() + "/" + name;
        try {
            Path dir = cacheDir.resolve("sqlite-" + org.sqlite.SQLiteJDBCLoader.getVersion() + "-"
                    + folder.get().replace('/', '-'));
            Path library = dir.resolve(name);
            if (!Files.isRegularFile(library)) {
                try (InputStream in = org.sqlite.JDBC.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        return Optional.empty();
                    }
                    Files.createDirectories(dir);
                    Path partial = Files.createTempFile(dir, name, ".partial");
                    try {
                        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } finally {
                        Files.deleteIfExists(partial);
                    }
                }
            }
            System.setProperty(PATH_PROPERTY, dir.toAbsolutePath().toString());
            System.setProperty(NAME_PROPERTY, name);
            return Optional.of(library);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "keeping a copy of SQLite's native library in " + cacheDir
                    + " failed (" + e.getMessage() + "); the driver extracts its own");
            return Optional.empty();
        }
    }

    /** sqlite-jdbc's folder for this platform, for the glibc Linux and macOS builds it ships. */
    private static Optional<String> platformFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
        if (arch == null) {
            return Optional.empty();
        }
        if (os.startsWith("linux")) {
            return isMusl() ? Optional.empty() : Optional.of("Linux/" + arch);
        }
        return os.startsWith("mac") ? Optional.of("Mac/" + arch) : Optional.empty();
    }

    private static boolean isMusl() {
        try (var files = Files.list(Path.of("/lib"))) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("ld-musl"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
