package io.flowcraft.engine;

import io.flowcraft.api.execution.ExecutionEvent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects every event of an engine, in order. */
final class Recorder {
    final List<ExecutionEvent> events = new CopyOnWriteArrayList<>();

    Recorder(Engine engine) {
        engine.events().subscribe(events::add);
    }

    List<ExecutionEvent> of(String executionId) {
        return events.stream().filter(e -> e.executionId().equals(executionId)).toList();
    }

    List<String> types(String executionId) {
        return of(executionId).stream().map(ExecutionEvent::type).toList();
    }

    <T extends ExecutionEvent> List<T> of(String executionId, Class<T> kind) {
        return of(executionId).stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    List<String> started(String executionId) {
        return of(executionId, ExecutionEvent.NodeStarted.class).stream().map(ExecutionEvent.NodeStarted::nodeId).toList();
    }

    List<String> skipped(String executionId) {
        return of(executionId, ExecutionEvent.NodeSkipped.class).stream().map(ExecutionEvent.NodeSkipped::nodeId).toList();
    }

    /** Waits until an event matches. */
    <T extends ExecutionEvent> T await(Class<T> kind, Predicate<T> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ExecutionEvent e : events) {
                if (kind.isInstance(e) && match.test(kind.cast(e))) {
                    return kind.cast(e);
                }
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return org.junit.jupiter.api.Assertions.fail("no " + kind.getSimpleName() + " matching within " + timeout + "; saw " + events);
    }
}
