package io.flowcraft.api.spi;

import io.flowcraft.api.JsonValues;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a node executor is: the editor builds its palette and forms from it, and the engine
 * validates diagrams against it.
 *
 * @param type        the node type id ({@code job}, {@code condition}, …)
 * @param title       a short human name
 * @param description what the node does
 * @param fields      its data fields
 * @param inputs      its input handles (empty: one default input)
 * @param outputs     its output handles (empty: one default output)
 * @param example     an example of {@code data}
 */
public record NodeDescriptor(String type, String title, String description, List<FieldSpec> fields,
                             List<HandleSpec> inputs, List<HandleSpec> outputs, Map<String, Object> example) {
    /** Checks and freezes the components. */
    public NodeDescriptor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        fields = List.copyOf(fields);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        example = JsonValues.freezeObject(example);
    }
}
