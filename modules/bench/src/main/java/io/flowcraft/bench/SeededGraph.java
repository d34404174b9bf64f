package io.flowcraft.bench;

import java.net.URI;

/**
 * A fresh graph filled with a generated graph by a short-lived legacy client (see
 * {@link SyncWriter#seed}), and the legacy clients that join it.
 *
 * @param graphId the graph's id
 * @param uri     the graph's URI
 * @param graph   the generated graph
 * @param bytes   the size of the seeded graph's JSON, in bytes (it is ASCII)
 * @param version the version the seed was stored as
 */
record SeededGraph(String graphId, URI uri, GraphTemplate graph, int bytes, long version) {

    /**
     * Generates a graph of {@code nodes} nodes and as many edges and stores it as a new graph.
     *
     * @param scenario the scenario's name, part of the graph's id
     * @throws BenchException when the seeding client cannot connect or the graph is rejected
     */
    static SeededGraph seed(ScenarioContext ctx, String scenario, int nodes)
            throws BenchException, InterruptedException {
        GraphTemplate graph = GraphGenerator.generate(nodes, nodes, 42);
        String graphId = ctx.newGraphId(scenario);
        URI uri = ctx.graphUri(graphId);
        String seed = graph.render();
        long version = SyncWriter.seed(ctx.clients(), uri, seed);
        return new SeededGraph(graphId, uri, graph, seed.length(), version);
    }

    /** Connects {@code count} legacy clients at once and waits until each has its initial snapshot. */
    ReaderGroup burst(ScenarioContext ctx, int count, Violations violations)
            throws BenchException, InterruptedException {
        return ReaderGroup.connect(ctx.clients(), uri, count, violations, ScenarioContext.CONNECT_TIMEOUT);
    }

    /** Records a violation for every client of {@code group} that joined on another version than the seed. */
    void checkJoined(ReaderGroup group, String what, Violations violations) {
        long[] versions = group.initialVersions();
        for (int i = 0; i < versions.length; i++) {
            if (versions[i] != version) {
                violations.add(what + ": client " + i + " joined on version " + versions[i] + ", expected " + version);
            }
        }
    }

    /** When the last client of {@code group} had its initial snapshot ({@link System#nanoTime()}). */
    static long lastJoined(ReaderGroup group) {
        long last = Long.MIN_VALUE;
        for (long nanos : group.initialNanos()) {
            last = Math.max(last, nanos);
        }
        return last;
    }
}
