package io.flowcraft.graph;

import java.util.Objects;

/**
 * Something a patch changes that a change accepted after its base version changed too.
 *
 * @param id    the node or edge id, or {@code ""} for a diagram-level field
 * @param field what both touched: {@code position}, {@code data.KEY}, {@code type}, {@code label},
 *              {@code removed} / {@code added} (the node or edge itself), or a diagram field name
 */
public record Conflict(String id, String field) {
    /** @throws NullPointerException if a component is null */
    public Conflict {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(field, "field");
    }
}
