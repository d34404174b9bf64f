package io.flowcraft.cli;

import io.flowcraft.engine.ControlResult;
import io.flowcraft.engine.Engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Answers a run's questions ({@code interactive_prompt}) with lines read from standard input, in
 * the order the questions were asked: the first line answers the oldest question still waiting.
 * Standard input is read only once a question has been asked, by a daemon thread; at its end
 * nothing more is answered and waiting nodes run into their timeouts.
 */
final class Answers {
    private static final Optional<String> END = Optional.empty();
    private final Engine engine;
    private final String executionId;
    private final InputStream in;
    private final Consumer<String> answered;
    private final BlockingQueue<String> waiting = new LinkedBlockingQueue<>();
    private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    private boolean started;

    /**
     * @param engine      the engine running the run
     * @param executionId the run
     * @param in          where answers come from
     * @param answered    told the node id after each accepted answer
     */
    Answers(Engine engine, String executionId, InputStream in, Consumer<String> answered) {
        this.engine = engine;
        this.executionId = executionId;
        this.in = in;
        this.answered = answered;
    }

    /** A node asks a question. */
    synchronized void asked(String nodeId) {
        waiting.add(nodeId);
        if (!started) {
            started = true;
            Thread.ofPlatform().daemon().name("flowcraft-stdin").start(this::read);
            Thread.ofPlatform().daemon().name("flowcraft-answers").start(this::answer);
        }
    }

    /** A node stopped waiting (it finished, failed or timed out): later lines go to the next one. */
    void settled(String nodeId) {
        waiting.remove(nodeId);
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(Optional.of(line));
            }
        } catch (IOException e) {
            // an unreadable stdin is like an empty one: nobody answers
        }
        lines.add(END);
    }

    private void answer() {
        try {
            while (true) {
                Optional<String> line = lines.take();
                if (line.isEmpty()) {
                    return;
                }
                while (true) {
                    String nodeId = waiting.take();
                    ControlResult r = engine.respond(executionId, nodeId, line.get());
                    if (r == ControlResult.DONE) {
                        answered.accept(nodeId);
                        break;
                    }
                    if (r != ControlResult.NOT_WAITING) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
