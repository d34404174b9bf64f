package io.flowcraft.api.spi;

import io.flowcraft.api.JsonValues;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One field of a node's {@code data} (or of an action's parameters), as the browser renders it in a
 * form and the engine validates it.
 *
 * @param name         the key in {@code data}, in DiPeO's naming for core executors ({@code default_prompt})
 * @param type         the value type
 * @param required     whether a value must be given
 * @param defaultValue the value used when none is given, as a JSON value
 * @param description  help text for the form
 * @param options      allowed values for {@link FieldType#ENUM}, else empty
 */
public record FieldSpec(String name, FieldType type, boolean required, Optional<Object> defaultValue,
                        String description, List<String> options) {
    /** Checks and freezes the components. */
    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        defaultValue = Objects.requireNonNull(defaultValue, "defaultValue").map(JsonValues::freeze);
        Objects.requireNonNull(description, "description");
        options = List.copyOf(options);
    }

    /**
     * A required field without a default.
     *
     * @param name        the key
     * @param type        the type
     * @param description help text
     * @return the spec
     */
    public static FieldSpec required(String name, FieldType type, String description) {
        return new FieldSpec(name, type, true, Optional.empty(), description, List.of());
    }

    /**
     * An optional field with a default.
     *
     * @param name         the key
     * @param type         the type
     * @param defaultValue the default, a JSON value
     * @param description  help text
     * @return the spec
     */
    public static FieldSpec optional(String name, FieldType type, Object defaultValue, String description) {
        return new FieldSpec(name, type, false, Optional.ofNullable(defaultValue), description, List.of());
    }
}
