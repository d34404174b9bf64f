package io.flowcraft.bench;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client that edits a graph with full {@code sync_graph} snapshots, one request at a time.
 *
 * <p>It remembers the highest version it has seen (from broadcasts and from {@code version_mismatch}
 * answers). A request's answer is either the broadcast that echoes its {@code correlationId}
 * (accepted) or a {@code version_mismatch} (rejected; with one request outstanding, a mismatch
 * without a correlation id can only answer it).
 */
final class SyncWriter implements AutoCloseable {

    /**
     * The answer to one request.
     *
     * @param accepted  whether the server stored the graph
     * @param version   the new version when accepted, the server's current version when rejected
     * @param sendNanos {@link System#nanoTime()} just before the request was sent
     */
    record Outcome(boolean accepted, long version, long sendNanos) {
    }

    private record Pending(String correlationId, long sendNanos, CompletableFuture<Outcome> result) {
    }

    private final String name;
    private final AtomicLong seen = new AtomicLong(-1);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicReference<Pending> pending = new AtomicReference<>();
    private final CompletableFuture<Long> initial = new CompletableFuture<>();
    private WsClient client;

    private SyncWriter(String name) {
        this.name = name;
    }

    /**
     * Connects a writer and waits for its initial snapshot.
     *
     * @throws BenchException when it cannot connect or gets no snapshot in time
     */
    static SyncWriter connect(WsClients factory, URI uri, String name, Duration timeout)
            throws BenchException, InterruptedException {
        SyncWriter writer = new SyncWriter(name);
        try {
            writer.client = factory.connect(uri, name, true, writer::onFrame)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            writer.initial.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return writer;
        } catch (ExecutionException | TimeoutException e) {
            writer.close();
            String why = e instanceof TimeoutException ? "no initial sync_graph within " + timeout.toSeconds()
                    + " s" : BenchException.describe(e);
            throw new BenchException("writer " + name + " could not join " + uri + ": " + why, e);
        }
    }

    /**
     * Stores a graph as the next version of a graph with a short-lived legacy client: connects,
     * sends the graph as a {@code sync_graph} (in fragments when it is large, see {@code --fragment-kb}),
     * waits for the acceptance and disconnects.
     *
     * @param factory   opens the connection
     * @param uri       the graph's URI
     * @param graphJson the graph
     * @return the version the graph was stored as
     * @throws BenchException when the client cannot connect or the graph is not accepted
     */
    static long seed(WsClients factory, URI uri, String graphJson) throws BenchException, InterruptedException {
        try (SyncWriter seeder = connect(factory, uri, "seed", ScenarioContext.CONNECT_TIMEOUT)) {
            Outcome outcome = seeder.sync(seeder.version(), graphJson, ScenarioContext.ANSWER_TIMEOUT);
            if (!outcome.accepted()) {
                throw new BenchException("seeding " + uri + " with a " + graphJson.length() / 1024
                        + " KB graph was rejected (server version " + outcome.version() + ")");
            }
            return outcome.version();
        }
    }

    /** The highest version this writer has seen. */
    long version() {
        return seen.get();
    }

    /**
     * Sends the graph as an edit of version {@code base} and waits for the answer.
     *
     * @throws BenchException when there is no answer in time, the send fails or the server answers with an error
     */
    Outcome sync(long base, String graphJson, Duration timeout) throws BenchException, InterruptedException {
        String correlationId = name + "-" + sequence.incrementAndGet();
        String message = Frames.syncGraph(base, graphJson, correlationId);
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        long sendNanos = System.nanoTime();
        pending.set(new Pending(correlationId, sendNanos, result));
        try {
            client.send(message).whenComplete((ignored, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                }
            });
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BenchException(name + ": no answer to sync_graph (version " + base + ") within "
                    + timeout.toSeconds() + " s; connection " + client.state());
        } catch (ExecutionException e) {
            throw new BenchException(name + ": sync_graph failed: " + BenchException.describe(e), e.getCause());
        } finally {
            pending.set(null);
        }
    }

    private void onFrame(Frame frame) {
        Pending p = pending.get();
        boolean answersPending = p != null
                && (frame.correlationId() == null || frame.correlationId().equals(p.correlationId()));
        if (frame.isSnapshot()) {
            seen.accumulateAndGet(frame.version(), Math::max);
            initial.complete(frame.version());
            if (p != null && p.correlationId().equals(frame.correlationId())) {
                p.result().complete(new Outcome(true, frame.version(), p.sendNanos()));
            }
        } else if (frame.isMismatch()) {
            seen.accumulateAndGet(frame.version(), Math::max);
            if (answersPending) {
                p.result().complete(new Outcome(false, frame.version(), p.sendNanos()));
            }
        } else if (frame.isError() && answersPending) {
            p.result().completeExceptionally(new BenchException("server answered with error "
                    + frame.code() + ": " + Frame.abbreviate(String.valueOf(frame.text()))));
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
