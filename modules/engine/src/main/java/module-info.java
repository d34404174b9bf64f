/**
 * The execution engine: compiles a diagram into a plan (jgrapht), runs it on virtual threads in
 * dependency order with conditions, loops, pause/resume/cancel and questions to people, publishes
 * every step on an event bus and records each execution.
 *
 * <p>Knows nothing about WebSocket, HTTP or Helidon: the server subscribes to the bus and turns
 * events into messages; the command-line runner prints them.
 */
module io.flowcraft.engine {
    requires transitive io.flowcraft.api;
    requires transitive io.flowcraft.graph;
    requires org.jgrapht.core;
    requires org.xerial.sqlitejdbc;
    requires org.yaml.snakeyaml;

    exports io.flowcraft.engine;
}
