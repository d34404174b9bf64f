package io.flowcraft.graph.internal;

import io.flowcraft.api.Graph;
import io.flowcraft.api.protocol.Problem;
import io.flowcraft.graph.Commit;
import io.flowcraft.graph.CommitListener;
import io.flowcraft.graph.CommitOrigin;
import io.flowcraft.graph.CommitResult;
import io.flowcraft.graph.GraphCodec;
import io.flowcraft.graph.GraphIds;
import io.flowcraft.graph.GraphLimits;
import io.flowcraft.graph.GraphState;
import io.flowcraft.graph.GraphStore;
import io.flowcraft.graph.GraphStoreException;
import io.flowcraft.graph.GraphSummary;
import io.flowcraft.graph.GraphValidator;
import io.flowcraft.graph.StoreConfig;
import io.flowcraft.graph.VersionInfo;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The graph store: per-graph compare-and-set over a {@link GraphRepository}, with the current
 * state of each graph in use held in memory.
 */
public final class VersionedGraphStore implements GraphStore {
    private static final System.Logger LOG = System.getLogger(VersionedGraphStore.class.getName());
    private static final int PRUNE_EVERY = 64;

    private final GraphRepository repository;
    private final GraphCodec codec;
    private final StoreConfig config;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

    /** One graph in use: its lock and its current state. */
    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile GraphState state;
        boolean persisted;

        Slot(GraphState state, boolean persisted) {
            this.state = state;
            this.persisted = persisted;
        }
    }

    /**
     * Creates the store.
     *
     * @param repository durable storage
     * @param codec      graph codec for snapshots
     * @param config     configuration
     */
    public VersionedGraphStore(GraphRepository repository, GraphCodec codec, StoreConfig config) {
        this.repository = repository;
        this.codec = codec;
        this.config = config;
    }

    private Slot slot(String graphId) {
        GraphIds.require(graphId);
        return slots.computeIfAbsent(graphId, this::load);
    }

    private Slot load(String graphId) {
        Optional<GraphRepository.StoredVersion> head = repository.head(graphId);
        if (head.isEmpty()) {
            return new Slot(GraphState.initial(graphId), repository.exists(graphId));
        }
        GraphRepository.StoredVersion h = head.get();
        return new Slot(new GraphState(graphId, h.version(), codec.decode(h.json()), h.json(), h.createdAt()), true);
    }

    @Override
    public GraphState current(String graphId) {
        return slot(graphId).state;
    }

    @Override
    public <T> T withCurrent(String graphId, Function<GraphState, T> action) {
        Slot slot = slot(graphId);
        slot.lock.lock();
        try {
            if (!slot.persisted) {
                repository.create(graphId, Instant.now());
                slot.persisted = true;
            }
            return action.apply(slot.state);
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public CommitResult sync(String graphId, long baseVersion, Graph graph, CommitOrigin origin) {
        Optional<CommitResult> refused = check(graph);
        Slot slot = slot(graphId);
        slot.lock.lock();
        try {
            GraphState current = slot.state;
            if (baseVersion != current.version()) {
                return new CommitResult.VersionMismatch(current);
            }
            if (refused.isPresent()) {
                return refused.get();
            }
            return commit(slot, graph, "sync", origin);
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public CommitResult rollback(String graphId, long version, CommitOrigin origin) {
        Slot slot = slot(graphId);
        slot.lock.lock();
        try {
            GraphState current = slot.state;
            if (version < 0 || version > current.version()) {
                return new CommitResult.UnknownVersion(version, "graph '" + graphId + "' has versions 0 to "
                        + current.version() + "; version " + version + " does not exist");
            }
            Optional<GraphState> target = version(graphId, version);
            if (target.isEmpty()) {
                return new CommitResult.UnknownVersion(version, "version " + version + " of graph '" + graphId
                        + "' is no longer in the history (retention keeps the last "
                        + config.historyMaxVersions() + " versions)");
            }
            Graph graph = target.get().graph();
            Optional<CommitResult> refused = check(graph);
            if (refused.isPresent()) {
                return refused.get();
            }
            return commit(slot, graph, "rollback:" + version, origin);
        } finally {
            slot.lock.unlock();
        }
    }

    private Optional<CommitResult> check(Graph graph) {
        GraphLimits limits = config.limits();
        if (graph.nodes().size() > limits.maxNodes() || graph.edges().size() > limits.maxEdges()) {
            return Optional.of(new CommitResult.TooLarge("the graph has " + graph.nodes().size() + " nodes and "
                    + graph.edges().size() + " edges; the limits are " + limits.maxNodes() + " nodes and "
                    + limits.maxEdges() + " edges", limits));
        }
        List<Problem> problems = GraphValidator.validate(graph);
        return problems.isEmpty() ? Optional.empty() : Optional.of(new CommitResult.Invalid(problems));
    }

    private CommitResult commit(Slot slot, Graph graph, String kind, CommitOrigin origin) {
        GraphState current = slot.state;
        long next = current.version() + 1;
        Instant now = Instant.now();
        String json = codec.encode(graph);
        repository.append(current.graphId(), new GraphRepository.NewVersion(next, json, now, origin.author(), kind,
                graph.nodes().size(), graph.edges().size()));
        slot.persisted = true;
        Commit commit = new Commit(new GraphState(current.graphId(), next, graph, json, now), kind, origin);
        slot.state = commit.state();
        if (next % PRUNE_EVERY == 0) {
            prune(current.graphId(), next, now);
        }
        for (CommitListener l : listeners) {
            try {
                l.committed(commit);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "commit listener failed for graph " + commit.graphId()
                        + " version " + next, e);
            }
        }
        return new CommitResult.Accepted(commit);
    }

    private void prune(String graphId, long head, Instant now) {
        Duration maxAge = config.historyMaxAge();
        try {
            repository.prune(graphId, head - config.historyMaxVersions() + 1,
                    maxAge.isZero() ? null : now.minus(maxAge), head);
        } catch (GraphStoreException e) {
            LOG.log(Level.WARNING, "pruning the history of graph " + graphId + " failed; will retry", e);
        }
    }

    @Override
    public Optional<GraphState> version(String graphId, long version) {
        GraphIds.require(graphId);
        if (version == 0) {
            return Optional.of(GraphState.initial(graphId));
        }
        GraphState current = slots.containsKey(graphId) ? slots.get(graphId).state : null;
        if (current != null && current.version() == version) {
            return Optional.of(current);
        }
        return repository.version(graphId, version)
                .map(v -> new GraphState(graphId, v.version(), codec.decode(v.json()), v.json(), v.createdAt()));
    }

    @Override
    public List<VersionInfo> versions(String graphId, long beforeVersion, int limit) {
        GraphIds.require(graphId);
        return repository.versions(graphId, beforeVersion, Math.max(0, limit));
    }

    @Override
    public List<GraphSummary> graphs() {
        return repository.graphs();
    }

    @Override
    public boolean exists(String graphId) {
        return GraphIds.isValid(graphId) && (slots.containsKey(graphId) && slots.get(graphId).persisted
                || repository.exists(graphId));
    }

    @Override
    public void addListener(CommitListener listener) {
        listeners.add(listener);
    }

    @Override
    public GraphLimits limits() {
        return config.limits();
    }

    @Override
    public void close() {
        repository.close();
    }
}
