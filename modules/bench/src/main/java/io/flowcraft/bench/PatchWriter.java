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
 * A patch client ({@code ?protocol=2}) that edits a graph with {@code patch_graph} requests, one at
 * a time (delta sync).
 *
 * <p>It remembers the highest version it has seen: from its initial {@code sync_graph}, from every
 * {@code graph_patch} broadcast (its own and other clients') and from {@code patch_rejected}
 * answers, which carry the server's current version. A request's answer is either the
 * {@code graph_patch} that echoes its {@code correlationId} (accepted) or a {@code patch_rejected}
 * with that id (or none: with one request outstanding it can only answer this one).
 */
final class PatchWriter implements AutoCloseable {

    /**
     * The answer to one request.
     *
     * @param accepted    whether the server applied the operations
     * @param version     the new version when accepted, the server's current version when rejected
     * @param sendNanos   {@link System#nanoTime()} just before the request was sent
     * @param answerNanos when the answer had been received
     */
    record Outcome(boolean accepted, long version, long sendNanos, long answerNanos) {
    }

    private record Pending(String correlationId, long sendNanos, CompletableFuture<Outcome> result) {
    }

    private final String name;
    private final AtomicLong seen = new AtomicLong(-1);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicReference<Pending> pending = new AtomicReference<>();
    private final CompletableFuture<Long> initial = new CompletableFuture<>();
    private WsClient client;

    private PatchWriter(String name) {
        this.name = name;
    }

    /** A writer over an already open client (for tests: frames are fed to {@link #onFrame}). */
    PatchWriter(String name, WsClient client) {
        this.name = name;
        this.client = client;
    }

    /**
     * Connects a patch writer to a graph and waits for its initial snapshot.
     *
     * @param uri the graph's URI, without {@code protocol} (added here)
     * @throws BenchException when it cannot connect or gets no snapshot in time
     */
    static PatchWriter connect(WsClients factory, URI uri, String name, Duration timeout)
            throws BenchException, InterruptedException {
        PatchWriter writer = new PatchWriter(name);
        URI target = BenchOptions.withParameter(uri, "protocol=2");
        try {
            writer.client = factory.connect(target, name, true, writer::onFrame)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            writer.initial.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return writer;
        } catch (ExecutionException | TimeoutException e) {
            writer.close();
            String why = e instanceof TimeoutException ? "no initial sync_graph within " + timeout.toSeconds()
                    + " s" : BenchException.describe(e);
            throw new BenchException("patch writer " + name + " could not join " + target + ": " + why, e);
        }
    }

    /** The writer's name. */
    String name() {
        return name;
    }

    /** The highest version this writer has seen. */
    long version() {
        return seen.get();
    }

    /**
     * Sends operations made against version {@code base} and waits for the answer.
     *
     * @param base    the base version
     * @param opsJson the operations as a JSON array text
     * @param timeout how long to wait for the answer
     * @throws BenchException when there is no answer in time, the send fails or the server answers with an error
     */
    Outcome patch(long base, String opsJson, Duration timeout) throws BenchException, InterruptedException {
        String correlationId = name + "-" + sequence.incrementAndGet();
        String message = Frames.patchGraph(base, opsJson, correlationId);
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
            throw new BenchException(name + ": no answer to patch_graph (base version " + base + ") within "
                    + timeout.toSeconds() + " s; connection " + client.state());
        } catch (ExecutionException e) {
            throw new BenchException(name + ": patch_graph failed: " + BenchException.describe(e), e.getCause());
        } finally {
            pending.set(null);
        }
    }

    /** Handles one received message (called by the client's reading thread). */
    void onFrame(Frame frame) {
        Pending p = pending.get();
        boolean mine = p != null && p.correlationId().equals(frame.correlationId());
        if (frame.isSnapshot()) {
            seen.accumulateAndGet(frame.version(), Math::max);
            initial.complete(frame.version());
        } else if (frame.isPatch()) {
            seen.accumulateAndGet(frame.version(), Math::max);
            if (mine) {
                p.result().complete(new Outcome(true, frame.version(), p.sendNanos(), frame.receivedNanos()));
            }
        } else if (frame.isPatchRejected()) {
            seen.accumulateAndGet(frame.version(), Math::max);
            if (p != null && (mine || frame.correlationId() == null)) {
                p.result().complete(new Outcome(false, frame.version(), p.sendNanos(), frame.receivedNanos()));
            }
        } else if (frame.isError() && p != null && (mine || frame.correlationId() == null)) {
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
