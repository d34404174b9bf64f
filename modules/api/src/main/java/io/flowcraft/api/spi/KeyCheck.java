package io.flowcraft.api.spi;

import java.util.Objects;

/**
 * What checking a provider's API key found.
 *
 * @param outcome what happened
 * @param message a sentence for a person (never containing the key)
 */
public record KeyCheck(Outcome outcome, String message) {
    /** @throws NullPointerException if a component is null */
    public KeyCheck {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }

    /** What happened. */
    public enum Outcome {
        /** The service accepted the key. */
        ACCEPTED,
        /** The service refused the key (401/403). */
        REJECTED,
        /** No key is configured, and the provider needs one. */
        MISSING,
        /** The service could not be reached or answered with an error that says nothing about the key. */
        UNREACHABLE,
        /** The provider cannot check keys. */
        UNSUPPORTED
    }
}
