package io.flowcraft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void nearestRankPercentiles() {
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = i + 1;
        }
        assertEquals(50, LatencyRecorder.percentile(hundred, 50));
        assertEquals(99, LatencyRecorder.percentile(hundred, 99));
        assertEquals(100, LatencyRecorder.percentile(hundred, 100));
        assertEquals(1, LatencyRecorder.percentile(hundred, 0.1));
        assertEquals(7, LatencyRecorder.percentile(new long[] {7}, 99));
        assertEquals(20, LatencyRecorder.percentile(new long[] {10, 20, 30}, 50));
        assertThrows(IllegalArgumentException.class, () -> LatencyRecorder.percentile(new long[0], 50));
        assertThrows(IllegalArgumentException.class, () -> LatencyRecorder.percentile(hundred, 0));
    }

    @Test
    void statsInMillisecondsFromUnsortedSamplesBeyondTheInitialCapacity() {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 1000; i >= 1; i--) {
            r.record(i * 1_000_000L);
        }
        LatencyRecorder.LatencyStats s = r.stats();
        assertEquals(1000, s.count());
        assertEquals(500.0, s.p50Ms(), 1e-9);
        assertEquals(990.0, s.p99Ms(), 1e-9);
        assertEquals(1000.0, s.maxMs(), 1e-9);
        assertEquals(500.5, s.meanMs(), 1e-9);
    }

    @Test
    void emptyStatsAreNotANumber() {
        LatencyRecorder.LatencyStats s = new LatencyRecorder().stats();
        assertEquals(0, s.count());
        assertTrue(Double.isNaN(s.p99Ms()));
        assertEquals("n/a", Metric.of("latency_p99", s.p99Ms(), "ms").formatted());
    }
}
