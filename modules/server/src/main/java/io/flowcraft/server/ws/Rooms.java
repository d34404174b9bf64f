package io.flowcraft.server.ws;

import io.flowcraft.graph.Commit;
import io.flowcraft.graph.CommitListener;
import io.flowcraft.graph.GraphCodec;
import io.flowcraft.graph.GraphState;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients of each graph. A graph's accepted changes go to its room only.
 *
 * <p>As the store's {@link CommitListener}, it turns each commit into at most two messages, each
 * built once: a {@code graph_patch} for patch clients and a {@code sync_graph} snapshot for the
 * others (a change made by an action goes to everyone as one {@code apply_changes}), queued on every connection of the graph (never sent inline: the commit listener runs
 * under the graph's write lock, which also keeps every client's messages in version order).
 * A client whose queue is full gets a snapshot in place of its backlog. Thread-safe.
 */
public final class Rooms implements CommitListener {
    private final ConcurrentHashMap<String, Set<Connection>> rooms = new ConcurrentHashMap<>();
    private final Frames frames;
    private final GraphCodec codec;
    private final ApplyChanges applyChanges;

    /** The history kind of a commit made by an action: {@code action:ID}. */
    public static final String ACTION_KIND = "action:";

    /**
     * Creates the rooms.
     *
     * @param frames the message builder
     * @param codec  the graph codec, to encode operations
     */
    public Rooms(Frames frames, GraphCodec codec) {
        this.frames = frames;
        this.codec = codec;
        this.applyChanges = new ApplyChanges(codec);
    }

    /**
     * Sends a message to every client of every graph (catalogue changes).
     *
     * @param text the message text
     */
    public void broadcastAll(String text) {
        OutFrame frame = new OutFrame(text);
        rooms.values().forEach(set -> set.forEach(c -> {
            if (!c.offer(frame)) {
                c.send(text);
            }
        }));
    }

    /**
     * Queues a message on every client of one graph.
     *
     * @param graphId the graph
     * @param frame   the message, encoded once
     */
    void broadcast(String graphId, OutFrame frame) {
        Set<Connection> set = rooms.get(graphId);
        if (set == null) {
            return;
        }
        for (Connection c : set) {
            if (!c.offer(frame)) {
                c.send(frame.text());
            }
        }
    }

    /**
     * Adds a connection to its graph's room. Call under the store's lock for the graph (see
     * {@code GraphStore.withCurrent}) so that no change is missed or sent twice.
     *
     * @param c the connection
     */
    void join(Connection c) {
        rooms.computeIfAbsent(c.graphId(), k -> ConcurrentHashMap.newKeySet()).add(c);
    }

    /**
     * Removes a connection from its room.
     *
     * @param c the connection
     */
    void leave(Connection c) {
        rooms.computeIfPresent(c.graphId(), (k, set) -> {
            set.remove(c);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Runs {@code action} with the connections of a graph while no other {@code withRoom} of the
     * same graph runs (joins and leaves may still happen concurrently). Nothing runs when nobody
     * has the graph open.
     *
     * @param graphId the graph
     * @param action  what to do with its connections; must be quick and must not block
     */
    void withRoom(String graphId, java.util.function.Consumer<Set<Connection>> action) {
        Set<Connection> set = rooms.get(graphId);
        if (set != null) {
            synchronized (set) {
                action.accept(set);
            }
        }
    }

    /**
     * How many clients have a graph open.
     *
     * @param graphId the graph
     * @return the number of connections
     */
    public int size(String graphId) {
        Set<Connection> set = rooms.get(graphId);
        return set == null ? 0 : set.size();
    }

    @Override
    public void committed(Commit commit) {
        Set<Connection> set = rooms.get(commit.graphId());
        if (set == null || set.isEmpty()) {
            return;
        }
        OutFrame snapshot = null;
        OutFrame patch = null;
        OutFrame resync = null;
        OutFrame action = commit.kind().startsWith(ACTION_KIND)
                ? new OutFrame(frames.message("apply_changes",
                        applyChanges.payload(commit, commit.kind().substring(ACTION_KIND.length())),
                        commit.origin().requestId()))
                : null;
        for (Connection c : set) {
            OutFrame frame;
            if (action != null) {
                frame = action;
            } else if (c.patches()) {
                if (patch == null) {
                    patch = new OutFrame(frames.graphPatch(commit.version(), codec.encodeOps(commit.ops()),
                            commit.origin().author(), commit.origin().requestId()));
                }
                frame = patch;
            } else {
                if (snapshot == null) {
                    snapshot = new OutFrame(snapshot(commit.state(), commit.origin().requestId()));
                }
                frame = snapshot;
            }
            if (!c.offer(frame)) {
                if (resync == null) {
                    resync = new OutFrame(snapshot(commit.state(), Optional.empty()));
                }
                c.resync(resync);
            }
        }
    }

    private String snapshot(GraphState state, Optional<String> correlationId) {
        return frames.syncGraph(state.version(), state.graphJson(), correlationId, Optional.empty());
    }
}
