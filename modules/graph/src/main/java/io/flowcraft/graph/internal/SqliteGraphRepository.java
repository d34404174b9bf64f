package io.flowcraft.graph.internal;

import io.flowcraft.graph.GraphStoreException;
import io.flowcraft.graph.GraphSummary;
import io.flowcraft.graph.StoreConfig;
import io.flowcraft.graph.VersionInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Graphs and versions in an embedded SQLite database ({@code flowcraft.db}, WAL mode).
 *
 * <p>One connection writes and one reads, each guarded by its own lock, so readers never wait
 * for a commit's fsync (WAL lets them read the last committed state).
 */
public final class SqliteGraphRepository implements GraphRepository {
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS graphs (
                id TEXT PRIMARY KEY,
                version INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                node_count INTEGER NOT NULL,
                edge_count INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS versions (
                graph_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                author TEXT NOT NULL,
                kind TEXT NOT NULL,
                node_count INTEGER NOT NULL,
                edge_count INTEGER NOT NULL,
                size_bytes INTEGER NOT NULL,
                snapshot TEXT,
                ops TEXT,
                PRIMARY KEY (graph_id, version)
            ) WITHOUT ROWID;
            """;

    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();

    private SqliteGraphRepository(Connection writer, Connection reader) {
        this.writer = writer;
        this.reader = reader;
    }

    /**
     * Opens or creates the database in the configured data directory.
     *
     * @param config the store configuration
     * @return the repository
     * @throws GraphStoreException if the directory or database cannot be opened
     */
    public static SqliteGraphRepository open(StoreConfig config) {
        Path dir = config.dataDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new GraphStoreException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        String url = "jdbc:sqlite:" + dir.resolve("flowcraft.db").toAbsolutePath();
        Connection w = null;
        try {
            w = DriverManager.getConnection(url);
            try (Statement s = w.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=" + (config.fsync() ? "FULL" : "NORMAL"));
                s.execute("PRAGMA busy_timeout=10000");
                for (String ddl : SCHEMA.split(";")) {
                    if (!ddl.isBlank()) {
                        s.execute(ddl);
                    }
                }
            }
            w.setAutoCommit(false);
            Connection r = DriverManager.getConnection(url);
            try (Statement s = r.createStatement()) {
                s.execute("PRAGMA busy_timeout=10000");
            }
            return new SqliteGraphRepository(w, r);
        } catch (SQLException e) {
            closeQuietly(w);
            throw new GraphStoreException("cannot open the database " + url.substring(12) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredVersion> head(String graphId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT v.version, v.snapshot, v.created_at FROM graphs g JOIN versions v"
                            + " ON v.graph_id = g.id AND v.version = g.version WHERE g.id = ?")) {
                ps.setString(1, graphId);
                return one(ps);
            }
        });
    }

    @Override
    public void create(String graphId, Instant now) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO graphs(id, version, created_at, updated_at, node_count, edge_count)"
                            + " VALUES (?, 0, ?, ?, 0, 0)")) {
                ps.setString(1, graphId);
                ps.setLong(2, now.toEpochMilli());
                ps.setLong(3, now.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean exists(String graphId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM graphs WHERE id = ?")) {
                ps.setString(1, graphId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public void append(String graphId, NewVersion v) {
        write(c -> {
            long now = v.createdAt().toEpochMilli();
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO versions(graph_id, version, created_at, author, kind, node_count, edge_count,"
                            + " size_bytes, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement up = c.prepareStatement(
                         "INSERT INTO graphs(id, version, created_at, updated_at, node_count, edge_count)"
                                 + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version,"
                                 + " updated_at = excluded.updated_at, node_count = excluded.node_count,"
                                 + " edge_count = excluded.edge_count")) {
                ins.setString(1, graphId);
                ins.setLong(2, v.version());
                ins.setLong(3, now);
                ins.setString(4, v.author());
                ins.setString(5, v.kind());
                ins.setInt(6, v.nodes());
                ins.setInt(7, v.edges());
                ins.setLong(8, v.json().getBytes(StandardCharsets.UTF_8).length);
                ins.setString(9, v.json());
                ins.executeUpdate();
                up.setString(1, graphId);
                up.setLong(2, v.version());
                up.setLong(3, now);
                up.setLong(4, now);
                up.setInt(5, v.nodes());
                up.setInt(6, v.edges());
                up.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<StoredVersion> version(String graphId, long version) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT version, snapshot, created_at FROM versions WHERE graph_id = ? AND version = ?")) {
                ps.setString(1, graphId);
                ps.setLong(2, version);
                return one(ps);
            }
        });
    }

    @Override
    public List<VersionInfo> versions(String graphId, long before, int limit) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT version, created_at, author, kind, node_count, edge_count, size_bytes FROM versions"
                            + " WHERE graph_id = ? AND version < ? ORDER BY version DESC LIMIT ?")) {
                ps.setString(1, graphId);
                ps.setLong(2, before);
                ps.setInt(3, limit);
                List<VersionInfo> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new VersionInfo(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)),
                                rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getLong(7)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<GraphSummary> graphs() {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, version, created_at, updated_at, node_count, edge_count FROM graphs ORDER BY id")) {
                List<GraphSummary> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new GraphSummary(rs.getString(1), rs.getLong(2),
                                Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4)),
                                rs.getInt(5), rs.getInt(6)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void prune(String graphId, long belowVersion, Instant olderThan, long head) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM versions WHERE graph_id = ? AND version < ? AND (version < ? OR created_at < ?)")) {
                ps.setString(1, graphId);
                ps.setLong(2, head);
                ps.setLong(3, belowVersion);
                ps.setLong(4, olderThan == null ? Long.MIN_VALUE : olderThan.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void close() {
        writeLock.lock();
        readLock.lock();
        try {
            closeQuietly(writer);
            closeQuietly(reader);
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }

    private static Optional<StoredVersion> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new StoredVersion(rs.getLong(1), rs.getString(2),
                    Instant.ofEpochMilli(rs.getLong(3))));
        }
    }

    @FunctionalInterface
    private interface Sql<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T write(Sql<T> work) {
        writeLock.lock();
        try {
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly();
                throw new GraphStoreException("database write failed: " + e.getMessage(), e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T read(Sql<T> work) {
        readLock.lock();
        try {
            return work.run(reader);
        } catch (SQLException e) {
            throw new GraphStoreException("database read failed: " + e.getMessage(), e);
        } finally {
            readLock.unlock();
        }
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // the write failed already; the original error is reported
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing on the way out
            }
        }
    }
}
