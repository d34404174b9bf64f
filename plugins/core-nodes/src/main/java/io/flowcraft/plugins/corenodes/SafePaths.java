package io.flowcraft.plugins.corenodes;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resolves user-given file paths against a node's base directory and refuses every path that
 * would leave it: absolute paths, {@code ..} escapes and symbolic links that lead outside.
 */
final class SafePaths {
    private static final int MAX_GLOB_MATCHES = 1000;

    private SafePaths() {
    }

    /**
     * The file {@code relative} names inside {@code baseDir}.
     *
     * @throws NodeFailure naming the path when it is absolute, escapes, or leads outside through a link
     */
    static Path resolve(Path baseDir, String relative) throws IOException {
        Path base = realBase(baseDir);
        Path candidate = lexical(base, relative);
        if (Files.isSymbolicLink(candidate) && !Files.exists(candidate)) {
            throw new NodeFailure("path '" + relative + "' is a link to nowhere; refusing to follow it");
        }
        // the nearest existing ancestor, with links resolved, must still be inside
        Path existing = candidate;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        Path real = existing == null ? null : existing.toRealPath();
        if (real == null || !real.startsWith(base)) {
            throw outside(relative);
        }
        // a link inside that stays inside: use its target, so writers can refuse links (NOFOLLOW)
        return existing.equals(candidate) ? real : candidate;
    }

    /**
     * Every regular file inside {@code baseDir} whose relative path matches the glob {@code pattern}.
     */
    static List<Path> glob(Path baseDir, String pattern) throws IOException {
        Path base = realBase(baseDir);
        lexical(base, pattern.replace('*', 'x').replace('?', 'x'));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(base, 32)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file) && matcher.matches(base.relativize(file))
                        && file.toRealPath().startsWith(base)) {
                    out.add(file);
                    if (out.size() > MAX_GLOB_MATCHES) {
                        throw new NodeFailure("glob '" + pattern + "' matches more than " + MAX_GLOB_MATCHES + " files");
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** The path relative to the base, as shown to users. */
    static String display(Path baseDir, Path file) throws IOException {
        return realBase(baseDir).relativize(file).toString();
    }

    private static Path realBase(Path baseDir) throws IOException {
        Files.createDirectories(baseDir);
        return baseDir.toRealPath();
    }

    private static Path lexical(Path base, String relative) {
        if (relative == null || relative.isBlank()) {
            throw new NodeFailure("no file path given");
        }
        Path given;
        try {
            given = Path.of(relative.strip());
        } catch (InvalidPathException e) {
            throw new NodeFailure("path '" + relative + "' is not a valid path");
        }
        if (given.isAbsolute() || relative.strip().startsWith("~")) {
            throw new NodeFailure("path '" + relative + "' is absolute; use a path relative to the base directory");
        }
        Path candidate = base.resolve(given).normalize();
        if (!candidate.startsWith(base) || candidate.equals(base)) {
            throw outside(relative);
        }
        return candidate;
    }

    private static NodeFailure outside(String relative) {
        return new NodeFailure("path '" + relative + "' leads outside the base directory; refusing it");
    }
}
