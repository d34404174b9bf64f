package io.flowcraft.bench;

import java.net.URI;
import java.time.Duration;

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
final class PatchWriter extends CorrelatedWriter<PatchWriter.Outcome> {

    /** Its requests; a move is one {@code move_node} operation. */
    private static final WriterDialect<Outcome> DIALECT = new WriterDialect<>("patch_graph", Frames::patchGraph,
            (graph, node, x, y) -> Frames.ops(Frames.moveNode(GraphGenerator.nodeId(node), x, y)),
            Frame::isPatch, Frame::isPatchRejected, Outcome::new);

    /**
     * The answer to one request.
     *
     * @param accepted    whether the server applied the operations
     * @param version     the new version when accepted, the server's current version when rejected
     * @param sendNanos   {@link System#nanoTime()} just before the request was sent
     * @param answerNanos when the answer had been received
     */
    record Outcome(boolean accepted, long version, long sendNanos, long answerNanos)
            implements CorrelatedWriter.Answer {
    }

    /** A writer over an already open client (for tests: frames are fed to {@link #onFrame}). */
    PatchWriter(String name, WsClient client) {
        super(name, client, DIALECT);
    }

    /**
     * Connects a patch writer to a graph and waits for its initial snapshot.
     *
     * @param uri the graph's URI, without {@code protocol} (added here)
     * @throws BenchException when it cannot connect or gets no snapshot in time
     */
    static PatchWriter connect(WsClients factory, URI uri, String name, Duration timeout)
            throws BenchException, InterruptedException {
        PatchWriter writer = new PatchWriter(name, null);
        writer.join(factory, BenchOptions.withParameter(uri, "protocol=2"), "patch writer", timeout);
        return writer;
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
        return send(base, opsJson, timeout);
    }
}
