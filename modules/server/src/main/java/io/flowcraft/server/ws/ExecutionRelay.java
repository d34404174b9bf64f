package io.flowcraft.server.ws;

import io.flowcraft.api.execution.ExecutionEvent;
import io.flowcraft.engine.EventPayloads;
import io.flowcraft.engine.ExecutionRecord;
import io.flowcraft.graph.Json;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the engine's events into protocol messages for every client of the run's graph. Each
 * event is encoded once and the same bytes are queued on every connection of the room; the engine
 * publishes a run's events one at a time, so every client sees them in order.
 *
 * <p>Events published while a request is being handled on the requesting connection's thread
 * (the {@code execution_started} of an {@code execute_diagram}, the {@code execution_paused} of a
 * {@code pause_execution}) carry that request's correlation id, so the sender can match its
 * acknowledgement. Thread-safe.
 */
public final class ExecutionRelay {
    private final Rooms rooms;
    private final Frames frames;
    private final Json json;
    private final ThreadLocal<Optional<String>> answering = ThreadLocal.withInitial(Optional::empty);

    /**
     * Creates the relay; subscribe {@link #publish} to the engine's bus.
     *
     * @param rooms  the rooms
     * @param frames the message builder
     * @param json   the JSON codec
     */
    public ExecutionRelay(Rooms rooms, Frames frames, Json json) {
        this.rooms = rooms;
        this.frames = frames;
        this.json = json;
    }

    /**
     * Sends one event to its graph's clients.
     *
     * @param event the event
     */
    public void publish(ExecutionEvent event) {
        if (rooms.size(event.graphId()) == 0) {
            return;
        }
        String text = frames.message(event.type(), json.write(EventPayloads.of(event)), answering.get());
        rooms.broadcast(event.graphId(), new OutFrame(text));
    }

    /**
     * Runs a request so that the events it publishes on this thread carry its correlation id.
     *
     * @param correlationId the request's correlation id
     * @param work          the request
     * @param <T>           the result type
     * @return the request's result
     */
    <T> T answering(Optional<String> correlationId, Supplier<T> work) {
        answering.set(correlationId);
        try {
            return work.get();
        } finally {
            answering.remove();
        }
    }

    /**
     * The {@code execution_state} message a client joining mid-run receives for each run of its graph.
     *
     * @param record the run so far
     * @return the message text
     */
    String state(ExecutionRecord record) {
        return frames.message("execution_state", json.write(record.toJson()), Optional.empty());
    }
}
