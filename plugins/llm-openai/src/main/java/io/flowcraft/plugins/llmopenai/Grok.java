package io.flowcraft.plugins.llmopenai;

import io.flowcraft.api.spi.ProviderDescriptor;
import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * xAI's Grok ({@code grok}, alias {@code xai}) through its OpenAI-compatible API: key
 * {@code XAI_API_KEY}, default base URL {@code https://api.x.ai/v1}.
 */
@Extension
public final class Grok extends OpenAiCompatible {
    static final Dialect DIALECT = new Dialect(
            new ProviderDescriptor("grok", List.of("xai"), "Grok (xAI)", true,
                    List.of("grok-4", "grok-3", "grok-3-mini"),
                    Optional.of("XAI_API_KEY"), Optional.empty()),
            "https://api.x.ai/v1", false, "max_tokens");

    /** Creates the provider. */
    public Grok() {
        super(DIALECT);
    }
}
