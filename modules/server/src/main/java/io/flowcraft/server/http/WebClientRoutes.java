package io.flowcraft.server.http;

import io.flowcraft.web.WebApp;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the browser editor: {@code index.html} at {@code /} and at every editor route
 * ({@code /graphs/ID}: the client routes itself), and the bundled files under {@code /assets/}.
 * Hashed assets are cached by browsers for a year; {@code index.html} is revalidated every time.
 * Text files are sent gzip-compressed to browsers that accept it (compressed once, then kept).
 * When the editor was not built (a build with {@code -Dflowcraft.web.skip}), {@code /} says so.
 * Thread-safe.
 */
public final class WebClientRoutes {
    private static final System.Logger LOG = System.getLogger(WebClientRoutes.class.getName());
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=UTF-8"),
            Map.entry("js", "text/javascript; charset=UTF-8"),
            Map.entry("mjs", "text/javascript; charset=UTF-8"),
            Map.entry("css", "text/css; charset=UTF-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=UTF-8"));
    private static final String NOT_BUILT = """
            <!doctype html><html lang="en"><meta charset="utf-8"><title>Flowcraft</title>
            <body style="font:15px system-ui;margin:2em"><h1>Flowcraft</h1>
            <p>The server is running, but this build has no browser editor (it was built with
            <code>-Dflowcraft.web.skip</code>). Rebuild with <code>./flowcraft test</code> or
            <code>mvn install</code> to get it. The HTTP API is at <a href="/api/graphs">/api/graphs</a>
            and the WebSocket at <code>/ws</code>.</p></body></html>
            """;

    private final WebApp app;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    /**
     * Creates the routes.
     *
     * @param app the built editor
     */
    public WebClientRoutes(WebApp app) {
        this.app = app;
        if (!app.built()) {
            LOG.log(System.Logger.Level.WARNING, "the browser editor is not in this build; / shows a notice");
        }
    }

    /**
     * Registers {@code GET /}, {@code GET /graphs/*} and {@code GET /assets/*}. Register it last:
     * it answers only those paths.
     *
     * @param routing the HTTP routing to add to
     */
    public void register(HttpRouting.Builder routing) {
        routing.get("/", this::index)
                .get("/index.html", this::index)
                .get("/graphs/*", this::index)
                .get("/assets/*", (req, res) -> file(req, res, req.path().path().substring(1), true))
                .get("/favicon.svg", (req, res) -> file(req, res, "favicon.svg", false));
    }

    private void index(ServerRequest req, ServerResponse res) {
        if (!app.built()) {
            res.header(HeaderNames.CONTENT_TYPE, TYPES.get("html"));
            res.send(NOT_BUILT.getBytes(StandardCharsets.UTF_8));
            return;
        }
        file(req, res, "index.html", false);
    }

    private void file(ServerRequest req, ServerResponse res, String path, boolean immutable) {
        Optional<Asset> asset = asset(path);
        if (asset.isEmpty()) {
            res.status(Status.NOT_FOUND_404);
            res.header(HeaderNames.CONTENT_TYPE, TYPES.get("txt"));
            res.send("Not found: /" + path);
            return;
        }
        Asset a = asset.get();
        res.header(HeaderNames.CONTENT_TYPE, a.type());
        res.header(HeaderNames.CACHE_CONTROL, immutable ? "public, max-age=31536000, immutable" : "no-cache");
        res.header(HeaderNames.VARY, "Accept-Encoding");
        boolean gzip = a.gzipped().isPresent() && req.headers().first(HeaderNames.ACCEPT_ENCODING)
                .map(v -> v.contains("gzip")).orElse(false);
        if (gzip) {
            res.header(HeaderNames.CONTENT_ENCODING, "gzip");
            res.send(a.gzipped().get());
        } else {
            res.send(a.bytes());
        }
    }

    private Optional<Asset> asset(String path) {
        Asset cached = cache.get(path);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Asset> loaded = app.file(path).map(bytes -> Asset.of(path, bytes));
        loaded.ifPresent(a -> cache.put(path, a));
        return loaded;
    }

    /** One file of the editor, with its gzip form when compressing it pays. */
    private record Asset(String type, byte[] bytes, Optional<byte[]> gzipped) {
        static Asset of(String path, byte[] bytes) {
            int dot = path.lastIndexOf('.');
            String ext = dot < 0 ? "" : path.substring(dot + 1);
            String type = TYPES.getOrDefault(ext, "application/octet-stream");
            boolean text = type.startsWith("text/") || type.startsWith("application/json") || ext.equals("svg");
            return new Asset(type, bytes, text && bytes.length > 1024 ? Optional.of(gzip(bytes)) : Optional.empty());
        }

        private static byte[] gzip(byte[] bytes) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
