package io.flowcraft.bench;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A client that edits a graph one request at a time and matches each answer to its request by
 * {@code correlationId}: the shared part of {@link PatchWriter} and {@link SyncWriter}.
 *
 * <p>It remembers the highest version it has seen and completes the pending request when a
 * subclass's {@link #onFrame} recognises the answer. An {@code error} frame with the pending id (or
 * with none: with one request outstanding it can only answer this one) fails the request.
 *
 * @param <O> the answer to one request
 */
abstract class CorrelatedWriter<O extends CorrelatedWriter.Answer> implements AutoCloseable {

    /** What every answer to a request tells. */
    interface Answer {

        /** Whether the server applied the request. */
        boolean accepted();

        /** The new version when accepted, the server's current version when rejected. */
        long version();

        /** {@link System#nanoTime()} just before the request was sent. */
        long sendNanos();
    }

    /**
     * The request awaiting its answer.
     *
     * @param correlationId the request's id
     * @param sendNanos     when it was sent
     * @param result        completed with the answer
     * @param <O>           the answer type
     */
    record Pending<O>(String correlationId, long sendNanos, CompletableFuture<O> result) {

        /** Whether {@code frame} carries this request's id. */
        boolean echoedBy(Frame frame) {
            return correlationId.equals(frame.correlationId());
        }

        /** Whether {@code frame} carries this request's id or none at all. */
        boolean answeredBy(Frame frame) {
            return frame.correlationId() == null || echoedBy(frame);
        }
    }

    private final String name;
    private final WriterDialect<O> dialect;
    private final AtomicLong seen = new AtomicLong(-1);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicReference<Pending<O>> pending = new AtomicReference<>();
    private final CompletableFuture<Long> initial = new CompletableFuture<>();
    private WsClient client;

    /** A writer over {@code client}, or over none yet ({@code null}: see {@link #join}). */
    CorrelatedWriter(String name, WsClient client, WriterDialect<O> dialect) {
        this.name = name;
        this.dialect = dialect;
        this.client = client;
    }

    /**
     * Opens this writer's connection and waits for its initial snapshot; closes it on failure.
     *
     * @param role what the writer is called in the error message, e.g. {@code patch writer}
     * @throws BenchException when it cannot connect or gets no snapshot in time
     */
    final void join(WsClients factory, URI target, String role, Duration timeout)
            throws BenchException, InterruptedException {
        try {
            client = factory.connect(target, name, true, this::onFrame).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            initial.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            String why = e instanceof TimeoutException ? "no initial sync_graph within " + timeout.toSeconds()
                    + " s" : BenchException.describe(e);
            throw new BenchException(role + " " + name + " could not join " + target + ": " + why, e);
        }
    }

    /** The writer's name. */
    final String name() {
        return name;
    }

    /** The highest version this writer has seen. */
    final long version() {
        return seen.get();
    }

    /**
     * Moves one node of {@code graph} to ({@code x}, {@code y}) as an edit of {@link #version()} and
     * waits for the answer.
     *
     * @throws BenchException when there is no answer in time, the send fails or the server answers with an error
     */
    final O move(GraphTemplate graph, int node, int x, int y, Duration timeout)
            throws BenchException, InterruptedException {
        String edit = dialect.moveEdit().of(graph, node, x, y); // before reading the version: as fresh as it can be
        return send(version(), edit, timeout);
    }

    /**
     * Sends an edit made against version {@code base} and waits for the answer.
     *
     * @param edit the request's content: operations or a whole graph
     * @throws BenchException when there is no answer in time, the send fails or the server answers with an error
     */
    final O send(long base, String edit, Duration timeout) throws BenchException, InterruptedException {
        return request(dialect.op(), "base version " + base,
                correlationId -> dialect.message().of(base, edit, correlationId), timeout);
    }

    /**
     * Handles one received message (called by the client's reading thread): notes the versions of
     * snapshots and answers, and completes the pending request with the answer that matches it.
     */
    final void onFrame(Frame frame) {
        Pending<O> p = pending.get();
        boolean accepting = dialect.accepts().test(frame);
        if (frame.isSnapshot() || accepting || dialect.rejects().test(frame)) {
            seen.accumulateAndGet(frame.version(), Math::max);
        }
        if (frame.isSnapshot()) {
            initial.complete(frame.version());
        }
        if (p == null) {
            return;
        }
        if (accepting) {
            if (p.echoedBy(frame)) {
                p.result().complete(dialect.answer().of(true, frame.version(), p.sendNanos(), frame.receivedNanos()));
            }
        } else if (dialect.rejects().test(frame)) {
            if (p.answeredBy(frame)) {
                p.result().complete(dialect.answer().of(false, frame.version(), p.sendNanos(), frame.receivedNanos()));
            }
        } else if (frame.isError() && p.answeredBy(frame)) {
            p.result().completeExceptionally(new BenchException("server answered with error "
                    + frame.code() + ": " + Frame.abbreviate(String.valueOf(frame.text()))));
        }
    }

    private O request(String op, String detail, Function<String, String> message, Duration timeout)
            throws BenchException, InterruptedException {
        String correlationId = name + "-" + sequence.incrementAndGet();
        String text = message.apply(correlationId);
        CompletableFuture<O> result = new CompletableFuture<>();
        pending.set(new Pending<>(correlationId, System.nanoTime(), result));
        try {
            client.send(text).whenComplete((ignored, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                }
            });
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BenchException(name + ": no answer to " + op + " (" + detail + ") within "
                    + timeout.toSeconds() + " s; connection " + client.state());
        } catch (ExecutionException e) {
            throw new BenchException(name + ": " + op + " failed: " + BenchException.describe(e), e.getCause());
        } finally {
            pending.set(null);
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
