package io.flowcraft.graph.internal;

import io.flowcraft.api.Graph;
import io.flowcraft.api.GraphOp;
import io.flowcraft.api.protocol.Problem;
import io.flowcraft.graph.Commit;
import io.flowcraft.graph.CommitListener;
import io.flowcraft.graph.CommitOrigin;
import io.flowcraft.graph.CommitResult;
import io.flowcraft.graph.Conflict;
import io.flowcraft.graph.Conflicts;
import io.flowcraft.graph.GraphCodec;
import io.flowcraft.graph.GraphDiff;
import io.flowcraft.graph.GraphEditor;
import io.flowcraft.graph.GraphIds;
import io.flowcraft.graph.GraphLimits;
import io.flowcraft.graph.GraphState;
import io.flowcraft.graph.GraphStore;
import io.flowcraft.graph.GraphStoreException;
import io.flowcraft.graph.GraphSummary;
import io.flowcraft.graph.GraphValidator;
import io.flowcraft.graph.StoreConfig;
import io.flowcraft.graph.VersionInfo;
import io.flowcraft.graph.VersionOps;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The graph store: per-graph compare-and-set over a {@link GraphRepository}, with the current
 * state and the recent operations of each graph in use held in memory.
 *
 * <p>Each version is written as its operations (O(change)); a full snapshot is added every
 * {@value #SNAPSHOT_EVERY} versions, or sooner when the operations since the last snapshot
 * outgrow it, so any version is rebuilt from one snapshot and a few operations.
 */
public final class VersionedGraphStore implements GraphStore {
    private static final System.Logger LOG = System.getLogger(VersionedGraphStore.class.getName());
    static final int SNAPSHOT_EVERY = 50;
    private static final int PRUNE_EVERY = 64;
    private static final int RECENT = 512;
    private static final long MIN_OPS_BEFORE_SNAPSHOT = 64 * 1024;

    private final GraphRepository repository;
    private final GraphCodec codec;
    private final StoreConfig config;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

    /** One graph in use: its lock, current state and recent operations. Guarded by {@code lock}. */
    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile GraphState state;
        boolean persisted;
        long lastSnapshot;
        long lastSnapshotChars;
        long opsCharsSinceSnapshot;
        final ArrayDeque<VersionOps> recent = new ArrayDeque<>();

        Slot(GraphState state, boolean persisted) {
            this.state = state;
            this.persisted = persisted;
        }

        void remember(VersionOps ops) {
            recent.addLast(ops);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
    }

    /**
     * Creates the store.
     *
     * @param repository durable storage
     * @param codec      graph codec for snapshots and operations
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
        Optional<Long> head = repository.head(graphId);
        if (head.isEmpty() || head.get() == 0) {
            return new Slot(GraphState.initial(graphId), head.isPresent());
        }
        List<GraphRepository.Row> rows = repository.rebuildRows(graphId, head.get());
        Rebuilt r = rebuild(graphId, rows).orElseThrow(() -> new GraphStoreException(
                "graph " + graphId + ": version " + head.get() + " cannot be rebuilt from the history", null));
        Slot slot = new Slot(r.state(), true);
        slot.lastSnapshot = r.snapshotVersion();
        slot.lastSnapshotChars = r.snapshotChars();
        slot.opsCharsSinceSnapshot = r.opsCharsAfter();
        return slot;
    }

    private record Rebuilt(GraphState state, long snapshotVersion, long snapshotChars, long opsCharsAfter) {
    }

    private Optional<Rebuilt> rebuild(String graphId, List<GraphRepository.Row> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        GraphRepository.Row first = rows.getFirst();
        Graph graph;
        long snapshotVersion = 0;
        long snapshotChars = 0;
        int from;
        if (first.snapshot().isPresent()) {
            graph = codec.decode(first.snapshot().get());
            snapshotVersion = first.version();
            snapshotChars = first.snapshot().get().length();
            from = 1;
        } else if (first.version() == 1) {
            graph = Graph.empty();
            from = 0;
        } else {
            return Optional.empty();
        }
        long opsChars = 0;
        for (int i = from; i < rows.size(); i++) {
            GraphEditor editor = GraphEditor.of(graph).apply(codec.decodeOps(rows.get(i).ops()));
            List<Problem> problems = editor.problems();
            if (!problems.isEmpty()) {
                throw new GraphStoreException("graph " + graphId + ": replaying version " + rows.get(i).version()
                        + " failed: " + problems.getFirst().message(), null);
            }
            graph = editor.toGraph();
            opsChars += rows.get(i).ops().length();
        }
        GraphRepository.Row last = rows.getLast();
        return Optional.of(new Rebuilt(GraphState.of(graphId, last.version(), graph, last.createdAt(), codec),
                snapshotVersion, snapshotChars, opsChars));
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
            return commit(slot, graph, GraphDiff.diff(current.graph(), graph), "sync", origin);
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public CommitResult patch(String graphId, long baseVersion, List<GraphOp> ops, CommitOrigin origin,
                              String kind) {
        Slot slot = slot(graphId);
        slot.lock.lock();
        try {
            GraphState current = slot.state;
            if (baseVersion > current.version() || baseVersion < 0) {
                return new CommitResult.UnknownVersion(baseVersion, "baseVersion " + baseVersion
                        + " is not a version of graph '" + graphId + "' (current version: " + current.version() + ")");
            }
            if (baseVersion < current.version()) {
                Optional<List<VersionOps>> since = opsSinceLocked(slot, baseVersion);
                if (since.isEmpty()) {
                    return new CommitResult.Rejected(baseVersion, current.version(), List.of(), List.of(), true);
                }
                List<GraphOp> accepted = since.get().stream().flatMap(v -> v.ops().stream()).toList();
                List<Conflict> conflicts = Conflicts.between(ops, accepted);
                if (!conflicts.isEmpty()) {
                    return new CommitResult.Rejected(baseVersion, current.version(), conflicts, since.get(), false);
                }
            }
            GraphEditor editor = GraphEditor.of(current.graph()).apply(ops);
            List<Problem> problems = editor.problems();
            if (!problems.isEmpty()) {
                return new CommitResult.Invalid(problems);
            }
            Graph next = editor.toGraph();
            Optional<CommitResult> tooLarge = tooLarge(next);
            if (tooLarge.isPresent()) {
                return tooLarge.get();
            }
            return commit(slot, next, editor.applied(), kind, origin);
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public Optional<List<VersionOps>> opsSince(String graphId, long version) {
        Slot slot = slot(graphId);
        slot.lock.lock();
        try {
            if (version < 0 || version > slot.state.version()) {
                return Optional.empty();
            }
            return opsSinceLocked(slot, version);
        } finally {
            slot.lock.unlock();
        }
    }

    private Optional<List<VersionOps>> opsSinceLocked(Slot slot, long version) {
        long current = slot.state.version();
        if (version == current) {
            return Optional.of(List.of());
        }
        if (!slot.recent.isEmpty() && slot.recent.getFirst().version() <= version + 1) {
            return Optional.of(slot.recent.stream().filter(v -> v.version() > version).toList());
        }
        List<GraphRepository.Row> rows = repository.range(slot.state.graphId(), version, current);
        if (rows.size() != current - version) {
            return Optional.empty();
        }
        return Optional.of(rows.stream().map(r -> new VersionOps(r.version(), codec.decodeOps(r.ops()), r.author()))
                .toList());
    }

    @Override
    public Optional<VersionOps> changes(String graphId, long version) {
        GraphIds.require(graphId);
        Slot slot = slots.get(graphId);
        if (slot != null) {
            for (VersionOps v : List.copyOf(slot.recent)) {
                if (v.version() == version) {
                    return Optional.of(v);
                }
            }
        }
        return repository.range(graphId, version - 1, version).stream().findFirst()
                .map(r -> new VersionOps(r.version(), codec.decodeOps(r.ops()), r.author()));
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
            return commit(slot, graph, GraphDiff.diff(current.graph(), graph), "rollback:" + version, origin);
        } finally {
            slot.lock.unlock();
        }
    }

    private Optional<CommitResult> check(Graph graph) {
        Optional<CommitResult> tooLarge = tooLarge(graph);
        if (tooLarge.isPresent()) {
            return tooLarge;
        }
        List<Problem> problems = GraphValidator.validate(graph);
        return problems.isEmpty() ? Optional.empty() : Optional.of(new CommitResult.Invalid(problems));
    }

    private Optional<CommitResult> tooLarge(Graph graph) {
        GraphLimits limits = config.limits();
        if (graph.nodes().size() > limits.maxNodes() || graph.edges().size() > limits.maxEdges()) {
            return Optional.of(new CommitResult.TooLarge("the graph would have " + graph.nodes().size()
                    + " nodes and " + graph.edges().size() + " edges; the limits are " + limits.maxNodes()
                    + " nodes and " + limits.maxEdges() + " edges", limits));
        }
        return Optional.empty();
    }

    private CommitResult commit(Slot slot, Graph graph, List<GraphOp> ops, String kind, CommitOrigin origin) {
        GraphState current = slot.state;
        long next = current.version() + 1;
        Instant now = Instant.now();
        GraphState state = GraphState.of(current.graphId(), next, graph, now, codec);
        String opsJson = codec.encodeOps(ops);
        boolean snapshot = next - slot.lastSnapshot >= SNAPSHOT_EVERY
                || slot.opsCharsSinceSnapshot + opsJson.length() > Math.max(MIN_OPS_BEFORE_SNAPSHOT, slot.lastSnapshotChars);
        Optional<String> snapshotJson = snapshot ? Optional.of(state.graphJson()) : Optional.empty();
        repository.append(current.graphId(), new GraphRepository.NewVersion(next, now, origin.author(), kind,
                graph.nodes().size(), graph.edges().size(), opsJson, snapshotJson,
                graph.fields().get("name") instanceof String name ? Optional.of(name) : Optional.empty(),
                origin.authorName()));
        slot.persisted = true;
        if (snapshot) {
            slot.lastSnapshot = next;
            slot.lastSnapshotChars = snapshotJson.get().length();
            slot.opsCharsSinceSnapshot = 0;
        } else {
            slot.opsCharsSinceSnapshot += opsJson.length();
        }
        slot.state = state;
        slot.remember(new VersionOps(next, ops, origin.author()));
        Commit commit = new Commit(state, ops, kind, origin);
        if (next % PRUNE_EVERY == 0) {
            prune(current.graphId(), next, now);
        }
        for (CommitListener l : listeners) {
            try {
                l.committed(commit);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "commit listener failed for graph " + commit.graphId() + " version " + next, e);
            }
        }
        return new CommitResult.Accepted(commit);
    }

    /**
     * Deletes versions beyond the retention, keeping the snapshot that the oldest kept version is
     * rebuilt from, and always the head.
     */
    private void prune(String graphId, long head, Instant now) {
        long keepFrom = head - config.historyMaxVersions() + 1;
        Duration maxAge = config.historyMaxAge();
        try {
            if (!maxAge.isZero()) {
                keepFrom = Math.max(keepFrom, repository.firstVersionSince(graphId, now.minus(maxAge)).orElse(head));
            }
            keepFrom = Math.min(keepFrom, head);
            if (keepFrom <= 1) {
                return;
            }
            Optional<Long> base = repository.snapshotAtOrBelow(graphId, keepFrom);
            if (base.isPresent() && base.get() > 1) {
                repository.deleteBelow(graphId, base.get());
            }
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
        Slot slot = slots.get(graphId);
        if (slot != null && slot.state.version() == version) {
            return Optional.of(slot.state);
        }
        return rebuild(graphId, repository.rebuildRows(graphId, version)).map(Rebuilt::state);
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
        if (!GraphIds.isValid(graphId)) {
            return false;
        }
        Slot slot = slots.get(graphId);
        return slot != null && slot.persisted || repository.head(graphId).isPresent();
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
