package io.flowcraft.llm.support;

import java.util.Objects;

/**
 * One server-sent event.
 *
 * @param event the {@code event:} field; {@code message} when the event named none
 * @param data  the {@code data:} lines joined with {@code \n}
 */
public record SseEvent(String event, String data) {
    /** @throws NullPointerException if a component is null */
    public SseEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
    }
}
