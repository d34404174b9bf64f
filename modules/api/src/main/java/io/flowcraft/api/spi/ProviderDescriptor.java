package io.flowcraft.api.spi;

import java.util.List;
import java.util.Objects;

/**
 * What an LLM provider is.
 *
 * @param id          the service id diagrams name ({@code openai}, {@code anthropic}, …)
 * @param aliases     other names for it ({@code claude})
 * @param title       a human name
 * @param needsApiKey whether calls need a key
 * @param models      known model ids (a hint for the editor; others may work)
 */
public record ProviderDescriptor(String id, List<String> aliases, String title, boolean needsApiKey,
                                 List<String> models) {
    /** Checks and copies the components. */
    public ProviderDescriptor {
        Objects.requireNonNull(id, "id");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(title, "title");
        models = List.copyOf(models);
    }
}
