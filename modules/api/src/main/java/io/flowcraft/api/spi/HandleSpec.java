package io.flowcraft.api.spi;

import java.util.Objects;

/**
 * An input or output handle of a node ({@code condtrue}, {@code first}, …).
 *
 * @param id    the handle id used in {@code edge.sourceHandle} / {@code edge.targetHandle}
 * @param label what the editor shows
 */
public record HandleSpec(String id, String label) {
    /** @throws NullPointerException if a component is null */
    public HandleSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
    }
}
