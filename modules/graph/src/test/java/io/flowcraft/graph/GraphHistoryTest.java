package io.flowcraft.graph;

import io.flowcraft.api.Graph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import static io.flowcraft.graph.StoreFixtures.by;
import static io.flowcraft.graph.StoreFixtures.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphHistoryTest {
    /** Versions between snapshots ({@code VersionedGraphStore.SNAPSHOT_EVERY}). */
    private static final long SNAPSHOT_EVERY = 50;

    /** Pruning runs when a commit's version is a multiple of this (see VersionedGraphStore). */
    private static final int PRUNE_EVERY = 64;

    @TempDir
    Path dir;

    @Test
    void versionsAreListedNewestFirstWithAuthorKindAndCounts() {
        try (GraphStore store = StoreFixtures.open(dir)) {
            store.sync("g", 0, chain(3, "one"), by("alice"));
            store.sync("g", 1, chain(1, "two"), by("bob"));
            store.rollback("g", 1, by("carol"));

            List<VersionInfo> versions = store.versions("g", Long.MAX_VALUE, 10);

            assertEquals(List.of(3L, 2L, 1L), versions.stream().map(VersionInfo::version).toList());
            assertEquals(List.of("carol", "bob", "alice"), versions.stream().map(VersionInfo::author).toList());
            assertEquals(List.of("rollback:1", "sync", "sync"), versions.stream().map(VersionInfo::kind).toList());
            assertEquals(List.of(3, 1, 3), versions.stream().map(VersionInfo::nodes).toList());
            assertEquals(List.of(2, 0, 2), versions.stream().map(VersionInfo::edges).toList());
            for (VersionInfo v : versions) {
                // what was stored for the version: its operations (plus a snapshot every few versions)
                assertTrue(v.sizeBytes() > 0 && v.sizeBytes() < 2 * store.version("g", v.version()).orElseThrow()
                        .graphJson().getBytes(StandardCharsets.UTF_8).length + 200, () -> "size " + v);
            }
            assertFalse(versions.get(0).createdAt().isBefore(versions.get(2).createdAt()));

            assertEquals(List.of(2L), store.versions("g", 3, 1).stream().map(VersionInfo::version).toList());
            assertEquals(List.of(), store.versions("g", 1, 10));
            assertEquals(List.of(), store.versions("g", Long.MAX_VALUE, 0));
            assertEquals(List.of(), store.versions("never-written", Long.MAX_VALUE, 10));
        }
    }

    @Test
    void versionReturnsThatVersionsContentAndZeroIsEmpty() {
        try (GraphStore store = StoreFixtures.open(dir)) {
            for (int v = 1; v <= 4; v++) {
                store.sync("g", v - 1, chain(v, "v" + v), by("alice"));
            }
            for (int v = 1; v <= 4; v++) {
                GraphState s = store.version("g", v).orElseThrow();
                assertEquals(v, s.version());
                assertEquals(chain(v, "v" + v), s.graph());
            }
            assertEquals(Graph.empty(), store.version("g", 0).orElseThrow().graph());
            assertEquals(Graph.empty(), store.version("unknown", 0).orElseThrow().graph());
            assertEquals(Optional.empty(), store.version("g", 5));
            assertEquals(Optional.empty(), store.version("g", -1));
        }
        try (GraphStore reopened = StoreFixtures.open(dir)) {
            assertEquals(chain(2, "v2"), reopened.version("g", 2).orElseThrow().graph());
            assertEquals(chain(4, "v4"), reopened.version("g", 4).orElseThrow().graph());
        }
    }

    @Test
    void rollbackStoresAnOldVersionAsTheNextOneAndPublishesIt() {
        try (GraphStore store = StoreFixtures.open(dir)) {
            List<Commit> published = new CopyOnWriteArrayList<>();
            store.addListener(published::add);
            store.sync("g", 0, chain(2, "good"), by("alice"));
            store.sync("g", 1, chain(5, "bad"), by("bob"));

            CommitResult r = store.rollback("g", 1, new CommitOrigin("carol", Optional.of("undo-1")));

            Commit c = assertInstanceOf(CommitResult.Accepted.class, r).commit();
            assertEquals(3, c.version());
            assertEquals("rollback:1", c.kind());
            assertEquals(chain(2, "good"), c.state().graph());
            assertEquals(c.state(), store.current("g"));
            assertEquals(List.of(1L, 2L, 3L), published.stream().map(Commit::version).toList());
            assertEquals(c, published.get(2));
            assertEquals(Optional.of("undo-1"), published.get(2).origin().requestId());
            assertEquals(chain(5, "bad"), store.version("g", 2).orElseThrow().graph(), "history is not rewritten");

            Commit toEmpty = assertInstanceOf(CommitResult.Accepted.class, store.rollback("g", 0, by("dan"))).commit();
            assertEquals(4, toEmpty.version());
            assertEquals("rollback:0", toEmpty.kind());
            assertEquals(Graph.empty(), toEmpty.state().graph());
        }
    }

    @Test
    void rollbackToAVersionThatDoesNotExistChangesNothing() {
        try (GraphStore store = StoreFixtures.open(dir)) {
            store.sync("g", 0, chain(2, "x"), by("alice"));
            GraphState before = store.current("g");

            for (long missing : List.of(2L, 100L, -1L)) {
                CommitResult.UnknownVersion r = assertInstanceOf(CommitResult.UnknownVersion.class,
                        store.rollback("g", missing, by("bob")));
                assertEquals(missing, r.version());
                assertFalse(r.message().isBlank());
            }
            assertEquals(before, store.current("g"));
            assertEquals(1, store.versions("g", Long.MAX_VALUE, 10).size());
        }
    }

    @Test
    void retentionPrunesOldVersionsButKeepsTheNewestAndTheHead() {
        int keep = 10;
        try (GraphStore store = StoreFixtures.open(StoreFixtures.config(dir, keep, Duration.ZERO))) {
            for (long v = 1; v <= 200; v++) {
                assertInstanceOf(CommitResult.Accepted.class, store.sync("g", v - 1, chain(1, "v" + v), by("a")));
                List<Long> listed = versionNumbers(store, "g");
                // pruning runs every PRUNE_EVERY commits and keeps the last `keep` versions then, plus
                // the versions back to the snapshot the oldest kept one is rebuilt from
                assertTrue(listed.size() <= keep + PRUNE_EVERY + SNAPSHOT_EVERY, v + ": " + listed.size());
                assertEquals(v, listed.get(0), "the head is always listed");
                long oldest = listed.get(listed.size() - 1);
                assertEquals(LongStream.rangeClosed(oldest, v).boxed().toList().reversed(), listed,
                        "what is kept is contiguous");
                assertTrue(oldest <= Math.max(1, v - keep + 1), v + ": the last " + keep + " are kept");
            }
            assertEquals(List.of(200L), versionNumbers(store, "g").subList(0, 1));
            assertTrue(versionNumbers(store, "g").size() < 200);
            assertEquals(Optional.empty(), store.version("g", 1));
            assertEquals(chain(1, "v191"), store.version("g", 191).orElseThrow().graph());

            CommitResult.UnknownVersion pruned = assertInstanceOf(CommitResult.UnknownVersion.class,
                    store.rollback("g", 1, by("b")));
            assertTrue(pruned.message().contains("no longer in the history"), pruned.message());
            assertEquals(200, store.current("g").version());

            Commit back = assertInstanceOf(CommitResult.Accepted.class, store.rollback("g", 191, by("b"))).commit();
            assertEquals(201, back.version());
            assertEquals(chain(1, "v191"), back.state().graph());
        }
        try (GraphStore reopened = StoreFixtures.open(StoreFixtures.config(dir, keep, Duration.ZERO))) {
            assertEquals(201, reopened.current("g").version());
            assertEquals(chain(1, "v191"), reopened.current("g").graph());
        }
    }

    @Test
    void maxAgePrunesOldVersionsButNeverTheHead() throws InterruptedException {
        try (GraphStore store = StoreFixtures.open(StoreFixtures.config(dir, 1000, Duration.ofMillis(1)))) {
            for (long v = 1; v < PRUNE_EVERY; v++) {
                store.sync("g", v - 1, chain(1, "v" + v), by("a"));
            }
            assertEquals(PRUNE_EVERY - 1, versionNumbers(store, "g").size());
            Thread.sleep(20);

            store.sync("g", PRUNE_EVERY - 1, chain(2, "head"), by("a"));

            // everything older than the snapshot the head is rebuilt from is gone; the head stays
            List<Long> kept = versionNumbers(store, "g");
            assertEquals(PRUNE_EVERY, kept.getFirst());
            assertEquals(SNAPSHOT_EVERY, kept.getLast());
            assertEquals(chain(2, "head"), store.version("g", PRUNE_EVERY).orElseThrow().graph());
        }
    }

    private static List<Long> versionNumbers(GraphStore store, String graphId) {
        return new ArrayList<>(store.versions(graphId, Long.MAX_VALUE, 10_000).stream()
                .map(VersionInfo::version).toList());
    }
}
