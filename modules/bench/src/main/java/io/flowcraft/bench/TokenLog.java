package io.flowcraft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streamed tokens each client received, per execution: the {@code node_progress} texts of
 * {@link OpenAiStandIn} answers, split into token indices ({@code t0 t1 …}) with their receive time.
 * Each client's list is written by that client's reading thread only. Thread-safe.
 */
final class TokenLog {

    private final Map<String, Map<Integer, List<long[]>>> byExecution = new ConcurrentHashMap<>();

    /** Records the tokens of {@code event} (when it is a {@code node_progress}) as received by {@code client}. */
    void add(int client, ExecEvent event) {
        if (!"node_progress".equals(event.type()) || event.text() == null) {
            return;
        }
        List<long[]> mine = byExecution.computeIfAbsent(event.executionId(), id -> new ConcurrentHashMap<>())
                .computeIfAbsent(client, c -> new ArrayList<>());
        synchronized (mine) {
            for (int index : OpenAiStandIn.tokens(event.text())) {
                mine.add(new long[] {index, event.receivedNanos()});
            }
        }
    }

    /**
     * Takes what {@code clients} clients received of one execution (call it once the execution has
     * ended at every client).
     *
     * @return per client, {@code {token index, receive nanos}} in arrival order (empty when none)
     */
    List<List<long[]>> remove(String executionId, int clients) {
        Map<Integer, List<long[]>> all = byExecution.remove(executionId);
        List<List<long[]>> out = new ArrayList<>(clients);
        for (int c = 0; c < clients; c++) {
            List<long[]> mine = all == null ? null : all.get(c);
            if (mine == null) {
                out.add(List.of());
            } else {
                synchronized (mine) {
                    out.add(List.copyOf(mine));
                }
            }
        }
        return out;
    }

    /**
     * Records a violation unless {@code arrivals} are exactly tokens {@code 0 … tokens-1}, in order.
     *
     * @param who names the client and execution in the message
     */
    static void check(List<long[]> arrivals, int tokens, String who, Violations violations) {
        for (int i = 0; i < arrivals.size(); i++) {
            if (arrivals.get(i)[0] != i) {
                violations.add(who + ": token " + i + " arrived as t" + arrivals.get(i)[0]
                        + " (lost, repeated or reordered tokens)");
                return;
            }
        }
        if (arrivals.size() != tokens) {
            violations.add(who + ": " + arrivals.size() + " tokens arrived, " + tokens + " were streamed");
        }
    }
}
