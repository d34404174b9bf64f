package io.flowcraft.plugins.benchnodes;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BenchNodesTest {

    @Test
    void noopPassesItsSingleInputOn() {
        assertNull(Noop.single(Map.of()));
        assertEquals("x", Noop.single(Map.of("default", "x")));
        assertEquals(7L, Noop.single(Map.of("a", 7L)));
        Map<String, Object> two = new LinkedHashMap<>();
        two.put("b", 1L);
        two.put("a", 2L);
        assertEquals(1L, Noop.single(two), "the first of several");
    }

    @Test
    void sleepReadsItsMilliseconds() {
        assertEquals(10, Sleep.millis(null));
        assertEquals(25, Sleep.millis(25L));
        assertEquals(25, Sleep.millis("25"));
        assertEquals(10, Sleep.millis(-3L));
        assertEquals(10, Sleep.millis("soon"));
    }

    @Test
    void descriptorsNameTheTypes() {
        assertEquals("noop", new Noop().descriptor().type());
        assertEquals("sleep", new Sleep().descriptor().type());
    }
}
