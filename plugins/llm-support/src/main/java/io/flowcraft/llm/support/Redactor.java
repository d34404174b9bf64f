package io.flowcraft.llm.support;

import java.util.Optional;

/** Removes a key from text a service sent back. Immutable. */
final class Redactor {
    static final String MASK = "[redacted]";
    /** Removes nothing. */
    static final Redactor NONE = new Redactor(Optional.empty());
    private final Optional<String> key;

    Redactor(Optional<String> key) {
        this.key = key.map(String::strip).filter(k -> !k.isEmpty());
    }

    String redact(String text) {
        return key.map(k -> text.replace(k, MASK)).orElse(text);
    }
}
