package io.flowcraft.graph.internal;

import io.flowcraft.graph.GraphStoreException;
import io.flowcraft.graph.GraphSummary;
import io.flowcraft.graph.StoreConfig;
import io.flowcraft.graph.VersionInfo;

import java.io.IOException;
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
                edge_count INTEGER NOT NULL,
                name TEXT
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
                author_name TEXT,
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
                addNameColumns(s);
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

    /** Databases written before graphs had names and authors display names get the columns. */
    private static void addNameColumns(Statement s) throws SQLException {
        addColumn(s, "graphs", "name");
        addColumn(s, "versions", "author_name");
    }

    private static void addColumn(Statement s, String table, String column) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM pragma_table_info('" + table + "') WHERE name = '"
                + column + "'")) {
            if (rs.next()) {
                return;
            }
        }
        s.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " TEXT");
    }

    @Override
    public Optional<Long> head(String graphId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM graphs WHERE id = ?")) {
                ps.setString(1, graphId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
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
    public void append(String graphId, NewVersion v) {
        write(c -> {
            long now = v.createdAt().toEpochMilli();
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO versions(graph_id, version, created_at, author, kind, node_count, edge_count,"
                            + " size_bytes, snapshot, ops, author_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement up = c.prepareStatement(
                         "INSERT INTO graphs(id, version, created_at, updated_at, node_count, edge_count, name)"
                                 + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version,"
                                 + " updated_at = excluded.updated_at, node_count = excluded.node_count,"
                                 + " edge_count = excluded.edge_count, name = excluded.name")) {
                ins.setString(1, graphId);
                ins.setLong(2, v.version());
                ins.setLong(3, now);
                ins.setString(4, v.author());
                ins.setString(5, v.kind());
                ins.setInt(6, v.nodes());
                ins.setInt(7, v.edges());
                ins.setLong(8, utf8Length(v.ops()) + v.snapshot().map(SqliteGraphRepository::utf8Length).orElse(0L));
                ins.setString(9, v.snapshot().orElse(null));
                ins.setString(10, v.ops());
                ins.setString(11, v.authorName().orElse(null));
                ins.executeUpdate();
                up.setString(1, graphId);
                up.setLong(2, v.version());
                up.setLong(3, now);
                up.setLong(4, now);
                up.setInt(5, v.nodes());
                up.setInt(6, v.edges());
                up.setString(7, v.name().orElse(null));
                up.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Row> rebuildRows(String graphId, long version) {
        return read(c -> {
            long from;
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE((SELECT MAX(version) FROM versions"
                    + " WHERE graph_id = ? AND version <= ? AND snapshot IS NOT NULL),"
                    + " (SELECT MIN(version) FROM versions WHERE graph_id = ?), -1)")) {
                ps.setString(1, graphId);
                ps.setLong(2, version);
                ps.setString(3, graphId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    from = rs.getLong(1);
                }
            }
            if (from < 0 || from > version) {
                return List.of();
            }
            List<Row> rows = rows(c, "SELECT version, created_at, author, ops, snapshot FROM versions"
                    + " WHERE graph_id = ? AND version >= ? AND version <= ? ORDER BY version", graphId, from, version);
            return rows.isEmpty() || rows.getLast().version() != version ? List.of() : rows;
        });
    }

    @Override
    public List<Row> range(String graphId, long after, long upTo) {
        return read(c -> rows(c, "SELECT version, created_at, author, ops, NULL FROM versions"
                + " WHERE graph_id = ? AND version > ? AND version <= ? ORDER BY version", graphId, after, upTo));
    }

    private static List<Row> rows(Connection c, String sql, String graphId, long a, long b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, graphId);
            ps.setLong(2, a);
            ps.setLong(3, b);
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                            rs.getString(4) == null ? "[]" : rs.getString(4), Optional.ofNullable(rs.getString(5))));
                }
            }
            return out;
        }
    }

    @Override
    public List<VersionInfo> versions(String graphId, long before, int limit) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT version, created_at, author, kind, node_count, edge_count, size_bytes, author_name FROM versions"
                            + " WHERE graph_id = ? AND version < ? ORDER BY version DESC LIMIT ?")) {
                ps.setString(1, graphId);
                ps.setLong(2, before);
                ps.setInt(3, limit);
                List<VersionInfo> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new VersionInfo(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)),
                                rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getLong(7),
                                Optional.ofNullable(rs.getString(8))));
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
                    "SELECT id, version, created_at, updated_at, node_count, edge_count, name FROM graphs ORDER BY id")) {
                List<GraphSummary> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new GraphSummary(rs.getString(1), rs.getLong(2),
                                Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4)),
                                rs.getInt(5), rs.getInt(6), Optional.ofNullable(rs.getString(7))));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Optional<Long> snapshotAtOrBelow(String graphId, long version) {
        return read(c -> single(c, "SELECT MAX(version) FROM versions WHERE graph_id = ? AND version <= ?"
                + " AND snapshot IS NOT NULL", graphId, version));
    }

    @Override
    public Optional<Long> firstVersionSince(String graphId, Instant time) {
        return read(c -> single(c, "SELECT MIN(version) FROM versions WHERE graph_id = ? AND created_at >= ?",
                graphId, time.toEpochMilli()));
    }

    private static Optional<Long> single(Connection c, String sql, String graphId, long arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, graphId);
            ps.setLong(2, arg);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long v = rs.getLong(1);
                    return rs.wasNull() ? Optional.empty() : Optional.of(v);
                }
                return Optional.empty();
            }
        }
    }

    @Override
    public void deleteBelow(String graphId, long keepFrom) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM versions WHERE graph_id = ? AND version < ?")) {
                ps.setString(1, graphId);
                ps.setLong(2, keepFrom);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                n++;
            } else if (ch < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(ch)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
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
