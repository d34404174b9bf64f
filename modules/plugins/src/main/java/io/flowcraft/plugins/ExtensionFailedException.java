package io.flowcraft.plugins;

/**
 * An extension call made through {@link PluginHost#call} threw or ran past its timeout. The message
 * is a sentence naming the plugin and what happened, fit to show a user:
 * {@code plugin 'p' action 'a' failed: boom} or {@code plugin 'p' action 'a' did not finish within 5 s}.
 * The cause is the extension's exception, if it threw.
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
