package io.flowcraft.api.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a graph action is, for the editor's context menu and the {@code /api/actions} catalogue.
 *
 * @param id          a stable id ({@code generate-children})
 * @param label       the menu label
 * @param description what it does
 * @param nodeTypes   the node types it applies to; empty means every type
 * @param parameters  optional parameters a client may pass
 */
public record ActionDescriptor(String id, String label, String description, List<String> nodeTypes,
                               List<FieldSpec> parameters) {
    /** Checks and copies the components. */
    public ActionDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        nodeTypes = List.copyOf(nodeTypes);
        parameters = List.copyOf(parameters);
    }

    /**
     * Whether the action applies to a node of this type.
     *
     * @param type a node type
     * @return {@code true} if it applies
     */
    public boolean appliesTo(String type) {
        return nodeTypes.isEmpty() || nodeTypes.contains(type);
    }
}
