package io.flowcraft.api.spi;

import io.flowcraft.api.Graph;
import io.flowcraft.api.Node;

import java.util.Map;

/**
 * What a graph action sees: an immutable view of the current graph, the target node, the
 * parameters the client passed, and a source of fresh ids. Implementations are supplied by the
 * host and are thread-safe.
 */
public interface ActionContext {
    /**
     * The graph at the version the action runs on.
     *
     * @return the graph (immutable)
     */
    Graph graph();

    /**
     * The node the action was asked for.
     *
     * @return the node (immutable)
     */
    Node target();

    /**
     * Parameters from the request ({@code execute_action} payload {@code params}), possibly empty.
     *
     * @return the parameters (immutable)
     */
    Map<String, Object> params();

    /**
     * A new id, unique in this graph and among ids handed out before by this context.
     *
     * @param prefix a readable prefix such as {@code node} or {@code edge}
     * @return the id
     */
    String newId(String prefix);
}
