package io.flowcraft.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The page at {@code /}: what the server is and how to talk to it, until the browser editor
 * replaces it.
 */
public final class IndexPage {
    private final byte[] page;

    /** Loads the page from the module's resources. */
    public IndexPage() {
        try (InputStream in = IndexPage.class.getResourceAsStream("/web/index.html")) {
            if (in == null) {
                throw new IllegalStateException("web/index.html is missing from the server jar");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Registers {@code GET /}.
     *
     * @param routing the HTTP routing to add to
     */
    public void register(HttpRouting.Builder routing) {
        routing.get("/", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
            res.send(page);
        });
    }
}
