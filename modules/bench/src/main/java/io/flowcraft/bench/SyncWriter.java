package io.flowcraft.bench;

import java.net.URI;
import java.time.Duration;

/**
 * A client that edits a graph with full {@code sync_graph} snapshots, one request at a time.
 *
 * <p>It remembers the highest version it has seen (from broadcasts and from {@code version_mismatch}
 * answers). A request's answer is either the broadcast that echoes its {@code correlationId}
 * (accepted) or a {@code version_mismatch} (rejected; with one request outstanding, a mismatch
 * without a correlation id can only answer it).
 */
final class SyncWriter extends CorrelatedWriter<SyncWriter.Outcome> {

    /** Its requests; a move is the whole graph with the node moved. */
    private static final WriterDialect<Outcome> DIALECT = new WriterDialect<>("sync_graph", Frames::syncGraph,
            GraphTemplate::render, Frame::isSnapshot, Frame::isMismatch,
            (accepted, version, sendNanos, answerNanos) -> new Outcome(accepted, version, sendNanos));

    /**
     * The answer to one request.
     *
     * @param accepted  whether the server stored the graph
     * @param version   the new version when accepted, the server's current version when rejected
     * @param sendNanos {@link System#nanoTime()} just before the request was sent
     */
    record Outcome(boolean accepted, long version, long sendNanos) implements CorrelatedWriter.Answer {
    }

    private SyncWriter(String name) {
        super(name, null, DIALECT);
    }

    /**
     * Connects a writer and waits for its initial snapshot.
     *
     * @throws BenchException when it cannot connect or gets no snapshot in time
     */
    static SyncWriter connect(WsClients factory, URI uri, String name, Duration timeout)
            throws BenchException, InterruptedException {
        SyncWriter writer = new SyncWriter(name);
        writer.join(factory, uri, "writer", timeout);
        return writer;
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

    /**
     * Sends the graph as an edit of version {@code base} and waits for the answer.
     *
     * @throws BenchException when there is no answer in time, the send fails or the server answers with an error
     */
    Outcome sync(long base, String graphJson, Duration timeout) throws BenchException, InterruptedException {
        return send(base, graphJson, timeout);
    }
}
