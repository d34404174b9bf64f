package io.flowcraft.plugins;

/**
 * An extension call threw or ran past its timeout; the message is a sentence naming the plugin.
 */
public final class ExtensionFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The plugin whose extension failed. */
    private final String pluginId;

    /**
     * Creates the exception.
     *
     * @param pluginId the plugin
     * @param message  what happened
     * @param cause    the extension's exception, or {@code null}
     */
    public ExtensionFailedException(String pluginId, String message, Throwable cause) {
        super(message, cause);
        this.pluginId = pluginId;
    }

    /**
     * The plugin whose extension failed.
     *
     * @return the plugin id
     */
    public String pluginId() {
        return pluginId;
    }
}
