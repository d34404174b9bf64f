package io.flowcraft.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * A fresh graph with clients watching its executions: client 0 also sends {@code execute_diagram}
 * requests (with the diagram inline) and matches their {@code execution_started} by correlation id.
 * Every client keeps an {@link ExecTrace} per execution, so a scenario can wait until all of them
 * have the terminal event and check that they saw the same events in the same order.
 */
final class ExecRoom implements AutoCloseable {

    /**
     * A started execution.
     *
     * @param executionId its id
     * @param sendNanos   when the request was sent
     * @param ackNanos    when the requester's {@code execution_started} arrived
     */
    record Started(String executionId, long sendNanos, long ackNanos) {
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private final List<WsClient> clients = new ArrayList<>();
    private final List<ConcurrentHashMap<String, ExecTrace>> traces = new ArrayList<>();
    private final ConcurrentHashMap<String, CompletableFuture<Frame>> answers = new ConcurrentHashMap<>();
    private long requests;

    private ExecRoom() {
    }

    /**
     * Connects {@code count} clients to a fresh graph.
     *
     * @throws BenchException when a client cannot connect
     */
    static ExecRoom open(ScenarioContext ctx, String scenario, int count) throws BenchException, InterruptedException {
        return open(ctx, scenario, count, (client, event) -> { });
    }

    /**
     * Connects {@code count} clients to a fresh graph; {@code tap} also sees every execution event
     * each client receives (client index, event), on that client's reading thread.
     *
     * @throws BenchException when a client cannot connect
     */
    static ExecRoom open(ScenarioContext ctx, String scenario, int count, BiConsumer<Integer, ExecEvent> tap)
            throws BenchException, InterruptedException {
        ExecRoom room = new ExecRoom();
        URI uri = ctx.graphUri(ctx.newGraphId(scenario));
        try {
            for (int i = 0; i < count; i++) {
                ConcurrentHashMap<String, ExecTrace> mine = new ConcurrentHashMap<>();
                room.traces.add(mine);
                int index = i;
                CompletableFuture<WsClient> c = ctx.clients().connect(uri, scenario + "-" + i, false, true,
                        f -> room.receive(f, mine, index, tap));
                room.clients.add(c.get(ScenarioContext.CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
        } catch (ExecutionException | TimeoutException e) {
            room.close();
            throw new BenchException("could not connect a client to " + uri + ": " + BenchException.describe(e));
        }
        return room;
    }

    private void receive(Frame f, ConcurrentHashMap<String, ExecTrace> mine, int client,
                         BiConsumer<Integer, ExecEvent> tap) {
        if (f.text() == null) {
            return;
        }
        ExecEvent e = ExecEvent.parse(f.text(), f.receivedNanos());
        if (e.ofExecution()) {
            mine.computeIfAbsent(e.executionId(), ExecTrace::new).add(e);
            tap.accept(client, e);
        }
        if (client == 0 && e.correlationId() != null) {
            CompletableFuture<Frame> answer = answers.remove(e.correlationId());
            if (answer != null) {
                answer.complete(f);
            }
        }
    }

    /** Number of clients. */
    int size() {
        return clients.size();
    }

    /**
     * Sends {@code execute_diagram} with {@code diagramJson} inline and waits for its {@code execution_started}.
     *
     * @param diagramJson the diagram document
     * @param options     the {@code options} object, or {@code null}
     * @throws BenchException when the server answers with something else or not within 10 s
     */
    Started execute(String diagramJson, String options) throws BenchException, InterruptedException {
        String id = "x" + (requests++);
        CompletableFuture<Frame> answer = new CompletableFuture<>();
        answers.put(id, answer);
        String message = "{\"type\":\"execute_diagram\",\"correlationId\":\"" + id + "\",\"payload\":{\"diagram\":"
                + diagramJson + (options == null ? "" : ",\"options\":" + options) + "}}";
        long sent = System.nanoTime();
        clients.getFirst().send(message);
        Frame f;
        try {
            f = answer.get(ScenarioContext.ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            answers.remove(id);
            throw new BenchException("no answer to execute_diagram within " + ScenarioContext.ANSWER_TIMEOUT.toSeconds()
                    + " s (" + clients.getFirst().state() + ")");
        }
        ExecEvent e = ExecEvent.parse(f.text(), f.receivedNanos());
        if (!"execution_started".equals(e.type()) || e.executionId() == null) {
            throw new BenchException("execute_diagram was answered with " + Frame.abbreviate(f.text())
                    + " (is the bench-nodes plugin in the server's plugins directory?)");
        }
        return new Started(e.executionId(), sent, f.receivedNanos());
    }

    /**
     * Waits until every client has the execution's terminal event.
     *
     * @return each client's trace, in client order
     * @throws BenchException when a client does not have it within {@code timeout}
     */
    List<ExecTrace> await(String executionId, Duration timeout) throws BenchException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ExecTrace> all = new ArrayList<>(clients.size());
        for (int i = 0; i < clients.size(); i++) {
            ExecTrace t = traces.get(i).computeIfAbsent(executionId, ExecTrace::new);
            WsClient c = clients.get(i);
            while (!t.done().isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !c.isOpen()) {
                    throw new BenchException("client " + i + " (" + c.state() + ") had " + t.events()
                            + " events and no terminal event of execution " + executionId
                            + (left <= 0 ? " after " + timeout.toSeconds() + " s" : ""));
                }
                try {
                    t.done().get(Math.min(left, POLL.toNanos()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // look again
                }
            }
            all.add(t);
        }
        return all;
    }

    /**
     * Checks what every client saw of one execution: completed normally, {@code nodes} nodes
     * completed, none completed before it started, nothing after the terminal event, and the same
     * events in the same order as client 0.
     */
    static void check(List<ExecTrace> seen, long nodes, Violations violations) {
        ExecTrace first = seen.getFirst();
        for (int i = 0; i < seen.size(); i++) {
            ExecTrace t = seen.get(i);
            String who = "client " + i + ", execution " + t.executionId() + ": ";
            if (!"execution_completed".equals(t.terminalType())) {
                violations.add(who + "ended with " + t.terminalType());
            }
            if (t.completed() != nodes) {
                violations.add(who + t.completed() + " node_completed, expected " + nodes);
            }
            if (t.completedUnstarted() > 0) {
                violations.add(who + t.completedUnstarted() + " node_completed without node_started before");
            }
            if (t.afterTerminal() > 0) {
                violations.add(who + t.afterTerminal() + " events after the terminal event");
            }
            if (t.events() != first.events() || t.fingerprint() != first.fingerprint()) {
                violations.add(who + "saw " + t.events() + " events in another order or number than client 0 ("
                        + first.events() + ")");
            }
        }
    }

    /** The latest terminal arrival among {@code seen}. */
    static long lastTerminal(List<ExecTrace> seen) {
        return seen.stream().mapToLong(ExecTrace::terminalNanos).max().orElse(0);
    }

    /** Drops the traces of an execution that has been checked (keeps memory flat over many runs). */
    void forget(String executionId) {
        traces.forEach(m -> m.remove(executionId));
    }

    /** Whether every client is still connected; the states of those that are not otherwise. */
    List<String> dropped() {
        List<String> out = new ArrayList<>();
        for (WsClient c : clients) {
            if (!c.isOpen()) {
                out.add(c.name() + ": " + c.state());
            }
        }
        return out;
    }

    @Override
    public void close() {
        clients.forEach(WsClient::close);
    }
}
