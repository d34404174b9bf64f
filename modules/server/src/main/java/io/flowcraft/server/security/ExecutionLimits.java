package io.flowcraft.server.security;

import io.flowcraft.api.protocol.ErrorCode;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts runs going at once, per graph (the graph whose clients watch the run) and server-wide,
 * against {@code flowcraft.limits.executions-per-graph} and {@code executions}. A run holds its
 * slot from the moment it is asked for until it ends. Thread-safe.
 */
public final class ExecutionLimits {
    private final int perGraph;
    private final int max;
    private final Refusals refusals;
    private final Map<String, Integer> byGraph = new HashMap<>();
    private int running;

    ExecutionLimits(int perGraph, int max, Refusals refusals) {
        this.perGraph = perGraph;
        this.max = max;
        this.refusals = refusals;
    }

    /** What asking for a slot gave. */
    public sealed interface Start {
        /**
         * A slot: release it when the run ends, or when it does not start after all.
         *
         * @param release gives the slot back (only the first call counts)
         */
        record Granted(Runnable release) implements Start {
        }

        /**
         * No slot.
         *
         * @param refusal the {@code too_many_executions} error for the sender
         */
        record Refused(Refusal refusal) implements Start {
        }
    }

    /**
     * Takes a slot for a run watched by {@code graphId}.
     *
     * @param graphId the graph
     * @return the slot, or the refusal naming the limit
     */
    public Start start(String graphId) {
        String scope;
        int limit;
        synchronized (this) {
            int graph = byGraph.getOrDefault(graphId, 0);
            if (running < max && graph < perGraph) {
                running++;
                byGraph.put(graphId, graph + 1);
                return new Start.Granted(new Once(() -> end(graphId)));
            }
            scope = running >= max ? "server" : "graph";
            limit = running >= max ? max : perGraph;
        }
        refusals.tooManyExecutions(graphId, scope, limit);
        String key = scope.equals("server") ? "flowcraft.limits.executions" : "flowcraft.limits.executions-per-graph";
        return new Start.Refused(new Refusal(ErrorCode.TOO_MANY_EXECUTIONS, limit + " runs "
                + (scope.equals("server") ? "are going on this server" : "of graph '" + graphId + "' are going")
                + ", the most allowed at once (" + key + "); wait for one to end or cancel one",
                Map.of("limit", limit, "scope", scope, "setting", key)));
    }

    private synchronized void end(String graphId) {
        running--;
        byGraph.computeIfPresent(graphId, (g, n) -> n <= 1 ? null : n - 1);
    }

    /** A release that acts once however often it is called. */
    private static final class Once implements Runnable {
        private Runnable action;

        Once(Runnable action) {
            this.action = action;
        }

        @Override
        public void run() {
            Runnable a;
            synchronized (this) {
                a = action;
                action = null;
            }
            if (a != null) {
                a.run();
            }
        }
    }
}
