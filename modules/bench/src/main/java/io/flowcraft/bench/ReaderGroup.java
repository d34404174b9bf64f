package io.flowcraft.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A group of passive clients of one graph that only receive; each one checks the sync invariants
 * as messages arrive ({@link SyncReader}) and reports every new version to a shared
 * {@link VersionTracker}. At the end, {@link #checkFinal} checks that all of them hold the last version.
 */
final class ReaderGroup implements AutoCloseable {

    private final List<SyncReader> readers = new ArrayList<>();
    private final List<WsClient> clients = new ArrayList<>();
    private final VersionTracker tracker;
    private final Violations violations;

    private ReaderGroup(int count, Violations violations) {
        this.tracker = new VersionTracker(count);
        this.violations = violations;
    }

    /**
     * Connects {@code count} readers in parallel and waits for each one's initial snapshot.
     *
     * @throws BenchException when a reader cannot connect or gets no snapshot in time
     */
    static ReaderGroup connect(WsClients factory, URI uri, int count, Violations violations, Duration timeout)
            throws BenchException, InterruptedException {
        return connect(factory, uri, count, violations, timeout, false);
    }

    /**
     * Connects {@code count} readers in parallel, all at once, and waits for each one's initial snapshot.
     *
     * @param uri     the graph's URI, without {@code protocol}
     * @param patches whether the readers are patch clients: they connect with {@code ?protocol=2} and
     *                must receive every change as a {@code graph_patch}
     * @throws BenchException when a reader cannot connect or gets no snapshot in time
     */
    static ReaderGroup connect(WsClients factory, URI uri, int count, Violations violations, Duration timeout,
                               boolean patches) throws BenchException, InterruptedException {
        return connect(factory, patches ? BenchOptions.withParameter(uri, "protocol=2") : uri, count, violations,
                timeout, (name, tracker) -> new SyncReader(name, tracker, violations, patches));
    }

    /**
     * Reconnects {@code count} patch readers that hold version {@code since}, all at once, with
     * {@code ?protocol=2&since=V}: the changes after it must follow as {@code graph_patch}es.
     *
     * @param uri the graph's URI, without {@code protocol} or {@code since}
     * @throws BenchException when a reader cannot connect in time
     */
    static ReaderGroup resume(WsClients factory, URI uri, int count, long since, Violations violations,
                              Duration timeout) throws BenchException, InterruptedException {
        return connect(factory, BenchOptions.withParameter(uri, "protocol=2&since=" + since), count, violations,
                timeout, (name, tracker) -> SyncReader.resuming(name, tracker, violations, since));
    }

    private static ReaderGroup connect(WsClients factory, URI target, int count, Violations violations,
                                       Duration timeout, BiFunction<String, VersionTracker, SyncReader> readerFactory)
            throws BenchException, InterruptedException {
        ReaderGroup group = new ReaderGroup(count, violations);
        List<CompletableFuture<WsClient>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SyncReader reader = readerFactory.apply("reader-" + i, group.tracker);
            group.readers.add(reader);
            pending.add(factory.connect(target, reader.name(), false, reader::onFrame));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (CompletableFuture<WsClient> f : pending) {
                group.clients.add(f.join());
            }
            CompletableFuture.allOf(group.readers.stream().map(SyncReader::initial).toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return group;
        } catch (Exception e) {
            pending.forEach(f -> f.thenAccept(WsClient::close));
            group.close();
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            String why = e instanceof java.util.concurrent.TimeoutException ? "timed out after "
                    + timeout.toSeconds() + " s" : BenchException.describe(e);
            throw new BenchException("could not connect " + count + " readers to " + target + ": " + why
                    + " (" + group.progress(pending) + ")", e);
        }
    }

    /** How far connecting got: handshakes done, snapshots received, and the first reader still waiting. */
    private String progress(List<CompletableFuture<WsClient>> pending) {
        long connected = pending.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
        long withSnapshot = readers.stream().filter(r -> r.initial().isDone()).count();
        String waiting = "";
        for (int i = 0; i < readers.size(); i++) {
            WsClient c = pending.get(i).getNow(null);
            if (!readers.get(i).initial().isDone()) {
                waiting = "; e.g. " + readers.get(i).name() + (c == null ? " has no connection"
                        : " received " + c.received() + " messages, connection " + c.state());
                break;
            }
        }
        return connected + " connected, " + withSnapshot + " got their initial sync_graph" + waiting;
    }

    /** The tracker the readers report to. */
    VersionTracker tracker() {
        return tracker;
    }

    /** Number of readers. */
    int size() {
        return readers.size();
    }

    /** When each reader had received its initial snapshot completely ({@link System#nanoTime()}). */
    long[] initialNanos() {
        return readers.stream().mapToLong(SyncReader::initialNanos).toArray();
    }

    /** When each reader received its highest version ({@link System#nanoTime()}; {@code -1} before any change). */
    long[] lastNanos() {
        return readers.stream().mapToLong(SyncReader::lastNanos).toArray();
    }

    /** The version of each reader's initial snapshot ({@code -1} when it has none). */
    long[] initialVersions() {
        return readers.stream().mapToLong(r -> r.initial().getNow(-1L)).toArray();
    }

    /** The highest version any reader holds. */
    long maxVersion() {
        return readers.stream().mapToLong(SyncReader::version).max().orElse(-1);
    }

    /**
     * Waits (bounded) until every reader holds {@code expected}, then records a violation for each
     * reader that holds another version or whose connection has ended.
     */
    void checkFinal(long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && readers.stream().anyMatch(r -> r.version() < expected)) {
            Thread.sleep(10);
        }
        for (int i = 0; i < readers.size(); i++) {
            SyncReader r = readers.get(i);
            if (r.version() != expected) {
                violations.add(r.name() + " ended on version " + r.version() + ", expected " + expected);
            }
            if (i < clients.size() && !clients.get(i).isOpen()) {
                violations.add(r.name() + " connection ended early: " + clients.get(i).state());
            }
        }
    }

    /** Drops every connection at once, without a close handshake (see {@link WsClient#abort()}). */
    void abort() {
        clients.forEach(WsClient::abort);
        clients.clear();
    }

    @Override
    public void close() {
        CompletableFuture.allOf(clients.stream().map(c -> CompletableFuture.runAsync(c::close))
                .toArray(CompletableFuture[]::new)).orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
        clients.clear();
    }
}
