package io.flowcraft.server.http;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.util.function.Supplier;

/**
 * JSON-B, created on first use: creating it loads Yasson (tens of milliseconds), which a start
 * should not pay for the few responses that use it. Thread-safe.
 */
public final class LazyJsonb implements Supplier<Jsonb>, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LazyJsonb.class.getName());
    private Jsonb jsonb;
    private boolean closed;

    /** Creates nothing yet. */
    public LazyJsonb() {
    }

    /**
     * JSON-B, created the first time.
     *
     * @return the instance
     * @throws IllegalStateException once closed
     */
    @Override
    public synchronized Jsonb get() {
        if (closed) {
            throw new IllegalStateException("JSON-B is closed");
        }
        if (jsonb == null) {
            jsonb = JsonbBuilder.create();
        }
        return jsonb;
    }

    /** Closes JSON-B if it was created; failures are logged, not thrown. */
    @Override
    public synchronized void close() {
        closed = true;
        if (jsonb != null) {
            try {
                jsonb.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing JSON-B failed: " + e.getMessage());
            }
            jsonb = null;
        }
    }
}
