package io.flowcraft.engine;

import io.flowcraft.api.execution.ExecutionEvent;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-process event bus of one engine. Each run publishes its events in order, one at a time;
 * subscribers are called on the publishing thread and must not block (hand work to a queue).
 * A subscriber that throws is logged and kept; it never breaks a run.
 */
public final class EventBus {
    private static final System.Logger LOG = System.getLogger(EventBus.class.getName());
    private final CopyOnWriteArrayList<Consumer<? super ExecutionEvent>> subscribers = new CopyOnWriteArrayList<>();

    /**
     * Adds a subscriber.
     *
     * @param subscriber called with every event of every run
     * @return closes the subscription
     */
    public AutoCloseable subscribe(Consumer<? super ExecutionEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /**
     * Whether anyone listens; runs skip building events nobody reads.
     *
     * @return {@code true} with at least one subscriber
     */
    public boolean active() {
        return !subscribers.isEmpty();
    }

    void publish(ExecutionEvent event) {
        for (Consumer<? super ExecutionEvent> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "event subscriber failed on " + event.type(), e);
            }
        }
    }
}
