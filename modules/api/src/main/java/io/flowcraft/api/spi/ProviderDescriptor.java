package io.flowcraft.api.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an LLM provider is, and where the host finds its settings: the host resolves the API key
 * (a person's {@code api_key_id}, else the provider's configured key, else the environment
 * variable {@code apiKeyVariable}) and the base URL (configuration {@code base-url}, else the
 * environment variable {@code baseUrlVariable}) before each call, so keys can rotate while the
 * server runs and plugins never read the environment themselves.
 *
 * @param id              the service id diagrams name ({@code openai}, {@code anthropic}, …)
 * @param aliases         other names for it ({@code claude})
 * @param title           a human name
 * @param needsApiKey     whether calls need a key
 * @param models          known model ids (a hint for the editor; others may work)
 * @param apiKeyVariable  the environment variable its official SDK reads the key from
 *                        ({@code OPENAI_API_KEY}), if any
 * @param baseUrlVariable the environment variable its official SDK reads a base-URL override from
 *                        ({@code OPENAI_BASE_URL}, {@code OLLAMA_HOST}), if any
 */
public record ProviderDescriptor(String id, List<String> aliases, String title, boolean needsApiKey,
                                 List<String> models, Optional<String> apiKeyVariable,
                                 Optional<String> baseUrlVariable) {
    /** Checks and copies the components. */
    public ProviderDescriptor {
        Objects.requireNonNull(id, "id");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(title, "title");
        models = List.copyOf(models);
        Objects.requireNonNull(apiKeyVariable, "apiKeyVariable");
        Objects.requireNonNull(baseUrlVariable, "baseUrlVariable");
    }

    /**
     * A provider whose settings come only from configuration.
     *
     * @param id          the service id
     * @param aliases     other names
     * @param title       a human name
     * @param needsApiKey whether calls need a key
     * @param models      known model ids
     */
    public ProviderDescriptor(String id, List<String> aliases, String title, boolean needsApiKey,
                              List<String> models) {
        this(id, aliases, title, needsApiKey, models, Optional.empty(), Optional.empty());
    }
}
