package io.flowcraft.api.spi;

/**
 * The type of a descriptor field; {@link #wire()} is its name in catalogues.
 */
public enum FieldType {
    /** One line of text. */
    STRING("string"),
    /** Multi-line text, such as a prompt. */
    TEXT("text"),
    /** Source code; the field {@code language} says which. */
    CODE("code"),
    /** A whole number. */
    INTEGER("integer"),
    /** Any number. */
    NUMBER("number"),
    /** True or false. */
    BOOLEAN("boolean"),
    /** One of the spec's {@code options}. */
    ENUM("enum"),
    /** A list of strings. */
    STRING_LIST("string_list"),
    /** Any JSON object. */
    OBJECT("object"),
    /** A reference to a person defined on the diagram. */
    PERSON("person");

    private final String wire;

    FieldType(String wire) {
        this.wire = wire;
    }

    /**
     * The type's name in catalogues.
     *
     * @return the snake_case name
     */
    public String wire() {
        return wire;
    }
}
