package io.flowcraft.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The built browser editor: {@code index.html} and its hashed {@code assets/}, read from this
 * module's resources. Immutable and thread-safe.
 */
public final class WebApp {
    private static final String ROOT = "/io/flowcraft/web/app/";
    /** Relative paths made of plain segments: no {@code ..}, no leading dot, no backslash. */
    private static final Pattern SAFE_PATH = Pattern.compile("(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private WebApp() {
    }

    /**
     * The editor bundled with this module.
     *
     * @return the web app
     */
    public static WebApp bundled() {
        return new WebApp();
    }

    /**
     * Whether the editor was built into this module ({@code npm run build} ran); when it was not,
     * {@link #file(String)} finds nothing.
     *
     * @return {@code true} if {@code index.html} is present
     */
    public boolean built() {
        return WebApp.class.getResource(ROOT + "index.html") != null;
    }

    /**
     * Reads one file of the built editor.
     *
     * @param path a path relative to the editor's root, such as {@code index.html} or
     *             {@code assets/index-3f2a.js}; paths with {@code ..}, hidden segments or other
     *             unusual characters are never found
     * @return the file's bytes, or empty when there is no such file
     * @throws UncheckedIOException if the module's resource cannot be read
     */
    public Optional<byte[]> file(String path) {
        if (path == null || !SAFE_PATH.matcher(path).matches()) {
            return Optional.empty();
        }
        try (InputStream in = WebApp.class.getResourceAsStream(ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web client's " + path, e);
        }
    }
}
