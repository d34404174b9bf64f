package io.flowcraft.engine;

import io.flowcraft.api.execution.ExecutionStatus;
import io.flowcraft.graph.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Execution records in an embedded SQLite database (its own file beside the graph store's), one
 * row per execution holding the record as JSON. Writes are serialized on one connection.
 */
public final class SqliteExecutionStore implements ExecutionStore {
    private static final System.Logger LOG = System.getLogger(SqliteExecutionStore.class.getName());
    private final Connection connection;
    private final Json json = Json.create();

    private SqliteExecutionStore(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) the database at a path.
     *
     * @param file the database file
     * @return the store
     * @throws IllegalStateException when the database cannot be opened
     */
    public static SqliteExecutionStore open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("CREATE TABLE IF NOT EXISTS executions (id TEXT PRIMARY KEY, graph_id TEXT NOT NULL, "
                        + "status TEXT NOT NULL, started_at TEXT NOT NULL, record TEXT NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS executions_graph ON executions(graph_id, started_at)");
                s.execute("CREATE INDEX IF NOT EXISTS executions_started ON executions(started_at)");
            }
            return new SqliteExecutionStore(c);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot open the execution database " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void save(ExecutionRecord record) {
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT OR REPLACE INTO executions (id, graph_id, status, started_at, record) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, record.id());
            p.setString(2, record.graphId());
            p.setString(3, record.status().wire());
            p.setString(4, record.startedAt().toString());
            p.setString(5, json.write(record.toJson()));
            p.executeUpdate();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.ERROR, "could not record execution " + record.id() + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized Optional<ExecutionRecord> find(String id) {
        try (PreparedStatement p = connection.prepareStatement("SELECT record FROM executions WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(read(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read execution " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<ExecutionRecord> list(Optional<String> graphId, int limit) {
        String sql = graphId.isPresent()
                ? "SELECT record FROM executions WHERE graph_id = ? ORDER BY started_at DESC LIMIT ?"
                : "SELECT record FROM executions ORDER BY started_at DESC LIMIT ?";
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            int i = 1;
            if (graphId.isPresent()) {
                p.setString(i++, graphId.get());
            }
            p.setInt(i, limit);
            List<ExecutionRecord> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs.getString(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list executions: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized int failUnfinished() {
        List<ExecutionRecord> unfinished = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT record FROM executions WHERE status IN ('running', 'paused')");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                unfinished.add(read(rs.getString(1)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read executions: " + e.getMessage(), e);
        }
        unfinished.forEach(r -> save(interrupted(r)));
        return unfinished.size();
    }

    static ExecutionRecord interrupted(ExecutionRecord r) {
        return new ExecutionRecord(r.id(), r.graphId(), r.version(), ExecutionStatus.FAILED, r.startedAt(),
                Optional.of(Instant.now()), r.durationMs(), Optional.of("the server stopped during the run"),
                r.outputs(), r.tokens(), r.nodes(), List.of());
    }

    @SuppressWarnings("unchecked")
    private ExecutionRecord read(String text) {
        return ExecutionRecord.fromJson((Map<String, Object>) json.parse(text));
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the execution database: " + e.getMessage());
        }
    }
}
