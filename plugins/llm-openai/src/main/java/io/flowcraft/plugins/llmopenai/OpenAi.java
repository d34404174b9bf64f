package io.flowcraft.plugins.llmopenai;

import io.flowcraft.api.spi.ProviderDescriptor;
import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * OpenAI ({@code openai}): key {@code OPENAI_API_KEY}, base URL {@code OPENAI_BASE_URL} (default
 * {@code https://api.openai.com/v1}; any OpenAI-compatible server works).
 */
@Extension
public final class OpenAi extends OpenAiCompatible {
    static final Dialect DIALECT = new Dialect(
            new ProviderDescriptor("openai", List.of("chatgpt"), "OpenAI", true,
                    List.of("gpt-4.1", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini", "o4-mini"),
                    Optional.of("OPENAI_API_KEY"), Optional.of("OPENAI_BASE_URL")),
            "https://api.openai.com/v1", false, "max_completion_tokens");

    /** Creates the provider. */
    public OpenAi() {
        super(DIALECT);
    }
}
