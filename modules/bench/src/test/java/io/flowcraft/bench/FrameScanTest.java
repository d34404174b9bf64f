package io.flowcraft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameScanTest {

    private static Frame full(String s) {
        return FrameScan.scan(s, true, 7);
    }

    @Test
    void readsTypeVersionAndCorrelationIdOfABroadcast() {
        Frame f = full("{\"type\":\"sync_graph\",\"payload\":{\"version\":42,\"graph\":{\"nodes\":[],\"edges\":[]}},"
                + "\"correlationId\":\"w3-17\",\"timestamp\":\"2025-01-01T00:00:00Z\"}");
        assertEquals("sync_graph", f.type());
        assertEquals(42, f.version());
        assertEquals("w3-17", f.correlationId());
        assertNull(f.error());
        assertEquals(7, f.receivedNanos());
        assertTrue(f.isSnapshot());
        assertFalse(f.isMismatch());
    }

    @Test
    void ignoresVersionAndTypeKeysInsideTheGraph() {
        String graph = "{\"nodes\":[{\"id\":\"a\",\"type\":\"job\",\"data\":{\"version\":999,\"type\":\"x\"}}],"
                + "\"edges\":[],\"version\":5}";
        Frame f = full("{ \"payload\" : { \"graph\" : " + graph + " , \"version\" : 12 } , \"type\" : \"sync_graph\" }");
        assertEquals("sync_graph", f.type());
        assertEquals(12, f.version());
        Frame quick = FrameScan.scan("{\"payload\":{\"graph\":" + graph + ",\"version\":3},\"type\":\"sync_graph\"}", false, 0);
        assertEquals(3, quick.version());
        assertEquals("sync_graph", quick.type());
    }

    @Test
    void handlesEscapedQuotesAndBracesInStrings() {
        Frame f = full("{\"type\":\"sync_graph\",\"payload\":{\"graph\":{\"nodes\":[{\"id\":\"q\\\"}{\\\\\","
                + "\"data\":{\"label\":\"\\\"version\\\":1 ]}\"}}]},\"version\":8},\"correlationId\":\"c\\\"1\"}");
        assertEquals(8, f.version());
        assertEquals("c\\\"1", f.correlationId());
    }

    @Test
    void recognisesAVersionMismatch() {
        Frame f = full("{\"type\":\"sync_graph\",\"payload\":{\"version\":9,\"graph\":{\"nodes\":[],\"edges\":[]}},"
                + "\"error\":\"version_mismatch\",\"correlationId\":\"w1-2\"}");
        assertTrue(f.isMismatch());
        assertFalse(f.isSnapshot());
        assertEquals(9, f.version());
    }

    @Test
    void readsTheCodeOfAnError() {
        Frame f = full("{\"type\":\"error\",\"payload\":{\"code\":\"message_too_large\",\"message\":\"too big\","
                + "\"details\":{\"code\":\"nested\"}}}");
        assertTrue(f.isError());
        assertEquals("message_too_large", f.code());
        assertEquals(-1, f.version());
    }

    @Test
    void quickScanStopsEarlyButFullScanFindsTrailingFields() {
        String s = "{\"type\":\"sync_graph\",\"payload\":{\"version\":1,\"graph\":{}},\"correlationId\":\"x\"}";
        assertNull(FrameScan.scan(s, false, 0).correlationId());
        assertEquals("x", FrameScan.scan(s, true, 0).correlationId());
    }

    @Test
    void toleratesNonObjectsAndTruncatedText() {
        assertNull(full("[1,2,{\"type\":\"x\"}]").type());
        assertEquals(-1, full("{\"type\":\"sync_graph\",\"payload\":{\"version\":\"7\"}}").version());
        Frame truncated = full("{\"type\":\"sync_graph\",\"payload\":{\"version\":4,\"graph\":{\"nodes\":[\"ab");
        assertEquals(4, truncated.version());
    }

    @Test
    void scansTheGeneratedGraphWrappedAsTheBenchSendsIt() {
        GraphTemplate g = GraphGenerator.generate(50, 50, 1);
        Frame f = full(Frames.syncGraph(31, g.render(3, 1, 2), "w0-1"));
        assertEquals("sync_graph", f.type());
        assertEquals(31, f.version());
        assertEquals("w0-1", f.correlationId());
    }
}
