package io.flowcraft.server.ops;

import io.flowcraft.graph.GraphStore;
import io.flowcraft.plugins.PluginHost;
import io.flowcraft.plugins.PluginInfo;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The server's health checks, served at {@code /health} ({@code /health/live},
 * {@code /health/ready}):
 * <ul>
 *   <li>liveness {@code server}: the server answers (with its uptime, connections and runs);</li>
 *   <li>readiness {@code store}: the graph database answers a query;</li>
 *   <li>readiness {@code plugins}: the plugin host is running; its details list how many jars
 *       loaded and each jar that failed with the reason. A broken jar does not make the server
 *       unready (it serves everything else), but it is shown here and counted in
 *       {@code flowcraft_plugins_load_failures}.</li>
 * </ul>
 */
public final class ServerHealth {
    private static final System.Logger LOG = System.getLogger(ServerHealth.class.getName());

    private ServerHealth() {
    }

    /**
     * The checks.
     *
     * @param store       the graph store
     * @param plugins     the plugin host
     * @param connections open WebSocket connections
     * @param activeRuns  runs going now
     * @return the checks, each with its type
     */
    public static List<HealthCheck> checks(GraphStore store, PluginHost plugins, IntSupplier connections,
                                           IntSupplier activeRuns) {
        Instant started = Instant.now();
        return List.of(
                check("server", HealthCheckType.LIVENESS, () -> HealthCheckResponse.builder().status(true)
                        .detail("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds())
                        .detail("connections", connections.getAsInt())
                        .detail("activeRuns", activeRuns.getAsInt())
                        .build()),
                check("store", HealthCheckType.READINESS, () -> {
                    try {
                        store.exists("health-probe");
                        return HealthCheckResponse.builder().status(true).build();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "health: the graph store does not answer: " + e.getMessage());
                        return HealthCheckResponse.builder().status(false).detail("error", String.valueOf(e.getMessage()))
                                .build();
                    }
                }),
                check("plugins", HealthCheckType.READINESS, () -> {
                    List<PluginInfo> all = plugins.plugins();
                    List<String> failed = all.stream().filter(p -> p.failure().isPresent())
                            .map(p -> p.jar() + ": " + p.failure().orElseThrow()).toList();
                    // details are shown as text: one readable line per broken jar
                    return HealthCheckResponse.builder().status(true)
                            .detail("loaded", all.size() - failed.size())
                            .detail("failed", failed.size())
                            .detail("failures", String.join("; ", failed))
                            .build();
                }));
    }

    private static HealthCheck check(String name, HealthCheckType type, java.util.function.Supplier<HealthCheckResponse> call) {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return type;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckResponse call() {
                return call.get();
            }
        };
    }
}
