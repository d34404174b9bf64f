package io.flowcraft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class SyncReaderTest {

    private static Frame snapshot(long version, long nanos) {
        return new Frame("sync_graph", version, null, null, null, nanos, null);
    }

    @Test
    void consecutiveVersionsAreFine() {
        Violations violations = new Violations();
        VersionTracker tracker = new VersionTracker(1);
        SyncReader r = new SyncReader("r", tracker, violations);
        r.onFrame(snapshot(7, 1));
        r.onFrame(snapshot(8, 2));
        r.onFrame(snapshot(9, 3));
        r.onFrame(new Frame("node_started", -1, null, null, null, 4, null));
        assertEquals(0, violations.count());
        assertEquals(9, r.version());
        assertEquals(7L, r.initial().join());
        assertEquals(3, tracker.lastArrival(9).getAsLong());
    }

    @Test
    void gapsRepeatsStepsBackAndErrorsAreViolations() {
        Violations violations = new Violations();
        SyncReader r = new SyncReader("r", new VersionTracker(1), violations);
        r.onFrame(snapshot(1, 0));
        r.onFrame(snapshot(3, 0)); // gap
        r.onFrame(snapshot(3, 0)); // repeat
        r.onFrame(snapshot(2, 0)); // step back
        r.onFrame(new Frame("sync_graph", 3, null, "version_mismatch", null, 0, null));
        r.onFrame(new Frame("error", -1, null, null, "rate_limited", 0, "{\"type\":\"error\"}"));
        assertEquals(5, violations.count());
        assertEquals(3, r.version());
        assertTrue(violations.descriptions().get(0).contains("received version 3 after 1"), violations.descriptions().toString());
        assertEquals(5, violations.descriptions().size());
        r.onFrame(snapshot(9, 0));
        assertEquals(6, violations.count());
        assertEquals("... and 1 more violation(s)", violations.descriptions().get(5));
    }

    @Test
    void trackerCompletesWhenEveryReaderHasAVersionWithTheLatestArrival() throws Exception {
        VersionTracker tracker = new VersionTracker(3);
        tracker.arrived(5, 30);
        tracker.arrived(5, 10);
        assertTrue(tracker.lastArrival(5).isEmpty());
        assertThrows(TimeoutException.class, () -> tracker.awaitAll(5, Duration.ofMillis(20)));
        tracker.arrived(5, 20);
        assertEquals(30, tracker.awaitAll(5, Duration.ofSeconds(1)));
        assertEquals(3, tracker.count(5));
        assertEquals(0, tracker.count(6));
    }
}
