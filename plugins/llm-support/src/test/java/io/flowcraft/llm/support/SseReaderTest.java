package io.flowcraft.llm.support;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SseReaderTest {
    private static List<SseEvent> read(String text) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        SseReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), events::add);
        return events;
    }

    @Test
    void readsNamedEventsMultiLineDataAndSkipsComments() throws IOException {
        List<SseEvent> events = read(": keep-alive\n\nevent: ping\ndata: {}\n\ndata: one\ndata:two\nid: 7\n\n");
        assertEquals(List.of(new SseEvent("ping", "{}"), new SseEvent("message", "one\ntwo")), events);
    }

    @Test
    void acceptsCrLfAndCrLineEndsAndALastEventWithoutBlankLine() throws IOException {
        List<SseEvent> events = read("event: a\r\ndata: x\r\n\r\ndata: y\r\rdata: z");
        assertEquals(List.of(new SseEvent("a", "x"), new SseEvent("message", "y"), new SseEvent("message", "z")), events);
    }

    @Test
    void stopsWhenTheListenerSaysSo() throws IOException {
        List<SseEvent> events = new ArrayList<>();
        SseReader.read(new ByteArrayInputStream("data: 1\n\ndata: [DONE]\n\ndata: 3\n\n".getBytes(StandardCharsets.UTF_8)),
                e -> events.add(e) && !e.data().equals("[DONE]"));
        assertEquals(2, events.size());
    }

    @Test
    void keepsUtf8AcrossTheLine() throws IOException {
        assertEquals("héllo ✓", read("data: héllo ✓\n\n").getFirst().data());
    }
}
