package io.flowcraft.server.ws;

import io.flowcraft.graph.Commit;
import io.flowcraft.graph.CommitListener;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients of each graph. A graph's accepted changes go to its room only.
 *
 * <p>As the store's {@link CommitListener}, it turns each commit into one {@code sync_graph}
 * message, built once and queued on every connection of the graph (never sent inline: the
 * commit listener runs under the graph's write lock). Thread-safe.
 */
public final class Rooms implements CommitListener {
    private final ConcurrentHashMap<String, Set<Connection>> rooms = new ConcurrentHashMap<>();
    private final Frames frames;

    /**
     * Creates the rooms.
     *
     * @param frames the message builder
     */
    public Rooms(Frames frames) {
        this.frames = frames;
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
     * How many clients have a graph open.
     *
     * @param graphId the graph
     * @return the number of connections
     */
    public int size(String graphId) {
        Set<Connection> set = rooms.get(graphId);
        return set == null ? 0 : set.size();
    }

    /**
     * Every connection of every room.
     *
     * @return a snapshot of the connections
     */
    public Set<Connection> all() {
        Set<Connection> all = ConcurrentHashMap.newKeySet();
        rooms.values().forEach(all::addAll);
        return all;
    }

    @Override
    public void committed(Commit commit) {
        Set<Connection> set = rooms.get(commit.graphId());
        if (set == null || set.isEmpty()) {
            return;
        }
        String text = frames.syncGraph(commit.version(), commit.state().graphJson(), commit.origin().requestId(),
                Optional.empty());
        for (Connection c : set) {
            c.send(text);
        }
    }
}
