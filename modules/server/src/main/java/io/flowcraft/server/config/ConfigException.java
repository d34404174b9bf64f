package io.flowcraft.server.config;

import java.util.List;

/**
 * The configuration is invalid; the message names every bad key and what is allowed.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param problems one sentence per bad key, not empty
     */
    public ConfigException(List<String> problems) {
        super("invalid configuration:\n  - " + String.join("\n  - ", problems));
    }
}
