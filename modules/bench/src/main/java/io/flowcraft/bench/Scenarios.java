package io.flowcraft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The catalogue of scenarios, in the order they run by default: the editing scenarios, the ones
 * that launch servers of their own (LLM streaming, cold start, plugin jars), the engine's, and last
 * the loaded server's peak memory.
 */
final class Scenarios {

    private Scenarios() {
    }

    /** Every scenario, new instances. */
    static List<Scenario> all() {
        return List.of(new SyncOneWriterScenario(), new SyncContentionScenario(), new PatchEditScenario(),
                new SnapshotPacedScenario(), new PatchContentionScenario(), new JoinScenario(),
                new ReconnectStormScenario(), new LoadScenario(), new ActionScenario(), new LlmStreamScenario(),
                new ColdStartScenario(), new PluginLoadScenario(), new EngineScenario(), new EngineWsScenario(),
                new ChainScenario(), new ParallelScenario(100, 20), new ParallelScenario(1000, 50),
                new EventsScenario(), new LoadedRssScenario());
    }

    /** The names of every scenario, comma-separated. */
    static String names() {
        return all().stream().map(Scenario::name).collect(Collectors.joining(", "));
    }

    /**
     * The scenarios with the given names, in the given order (all when none are given).
     *
     * @throws IllegalArgumentException naming an unknown scenario
     */
    static List<Scenario> select(List<String> names) {
        if (names.isEmpty()) {
            return all();
        }
        List<Scenario> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(all().stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "unknown scenario '" + name + "'; known: " + names())));
        }
        return chosen;
    }
}
