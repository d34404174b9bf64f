/**
 * The versioned graph store: compare-and-set on version, validation, the JSON codec of the graph
 * model, history and rollback, on an embedded SQLite database.
 *
 * <p>Knows nothing about WebSocket, HTTP or Helidon: it returns results and publishes commits to
 * listeners, and the server turns them into messages.
 */
module io.flowcraft.graph {
    requires transitive io.flowcraft.api;
    requires transitive java.sql;
    requires jakarta.json;
    requires org.jgrapht.core;
    requires org.xerial.sqlitejdbc;

    exports io.flowcraft.graph;
}
