package io.flowcraft.cli;

import io.flowcraft.api.execution.ExecutionEvent;
import io.flowcraft.graph.Json;

import java.io.PrintStream;

/** {@code --json}: every event as one protocol message per line, and nothing else on stdout. */
final class JsonLines implements Reporter {
    private final PrintStream out;
    private final Json json;

    JsonLines(PrintStream out, Json json) {
        this.out = out;
        this.json = json;
    }

    @Override
    public synchronized void event(ExecutionEvent event) {
        out.println(EventJson.line(event, json));
        out.flush();
    }
}
