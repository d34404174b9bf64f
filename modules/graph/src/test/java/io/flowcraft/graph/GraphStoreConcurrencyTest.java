package io.flowcraft.graph;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static io.flowcraft.graph.StoreFixtures.by;
import static io.flowcraft.graph.StoreFixtures.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compare-and-set under real contention, on a real SQLite store. */
class GraphStoreConcurrencyTest {
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    private GraphStore store;
    private final List<Long> published = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open() {
        store = StoreFixtures.open(dir);
        store.addListener(c -> published.add(c.version()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void ofManyWritersOnTheSameVersionExactlyOneWins() throws Exception {
        int writers = 16;
        CountDownLatch ready = new CountDownLatch(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CommitResult>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < writers; i++) {
                String author = "writer-" + i;
                results.add(pool.submit(() -> {
                    ready.countDown();
                    assertTrue(go.await(WAIT_SECONDS, TimeUnit.SECONDS));
                    return store.sync("race", 0, chain(2, author), by(author));
                }));
            }
            assertTrue(ready.await(WAIT_SECONDS, TimeUnit.SECONDS));
            go.countDown();

            int accepted = 0;
            int mismatched = 0;
            for (Future<CommitResult> f : results) {
                switch (f.get(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    case CommitResult.Accepted a -> {
                        accepted++;
                        assertEquals(1, a.commit().version());
                    }
                    case CommitResult.VersionMismatch m -> {
                        mismatched++;
                        assertEquals(1, m.current().version(), "the loser sees the winner's state");
                    }
                    case CommitResult other -> throw new AssertionError("unexpected " + other);
                }
            }
            assertEquals(1, accepted);
            assertEquals(writers - 1, mismatched);
        }
        assertEquals(1, store.current("race").version());
        assertEquals(List.of(1L), published);
        assertEquals(1, store.versions("race", Long.MAX_VALUE, 100).size());
    }

    @Test
    void listenersSeeVersionsStrictlyInOrderUnderConcurrentWriters() throws Exception {
        int threads = 8;
        int attempts = 50;
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                String author = "t" + t;
                done.add(pool.submit(() -> {
                    assertTrue(go.await(WAIT_SECONDS, TimeUnit.SECONDS));
                    for (int i = 0; i < attempts; i++) {
                        GraphState current = store.current("busy");
                        CommitResult r = store.sync("busy", current.version(), chain(1 + i % 3, author + i),
                                by(author));
                        if (r instanceof CommitResult.Accepted) {
                            accepted.incrementAndGet();
                        } else {
                            assertInstanceOf(CommitResult.VersionMismatch.class, r);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }
        long last = store.current("busy").version();
        // each failure of a thread needs a commit by another inside that attempt, so ≥ attempts commits
        assertTrue(accepted.get() >= attempts, "accepted: " + accepted);
        assertEquals(accepted.get(), last);
        assertEquals(LongStream.rangeClosed(1, last).boxed().toList(), List.copyOf(published));
        assertEquals(last, store.versions("busy", Long.MAX_VALUE, 10_000).size());
    }

    @Test
    void writersOfDifferentGraphsAllSucceed() throws Exception {
        int graphs = 8;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int g = 0; g < graphs; g++) {
                String id = "g" + g;
                done.add(pool.submit(() -> {
                    for (int v = 0; v < 20; v++) {
                        assertInstanceOf(CommitResult.Accepted.class, store.sync(id, v, chain(2, id + v), by(id)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }
        for (int g = 0; g < graphs; g++) {
            assertEquals(20, store.current("g" + g).version());
        }
        assertEquals(graphs * 20, published.size());
        assertEquals(graphs, store.graphs().size());
    }
}
