package io.flowcraft.plugins.llmopenai;

import io.flowcraft.api.spi.ProviderDescriptor;
import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * A local Ollama ({@code ollama}) through its OpenAI-compatible endpoint: host {@code OLLAMA_HOST}
 * (default {@code http://localhost:11434}) plus {@code /v1}; no key needed (one is sent if configured).
 */
@Extension
public final class Ollama extends OpenAiCompatible {
    static final Dialect DIALECT = new Dialect(
            new ProviderDescriptor("ollama", List.of(), "Ollama", false,
                    List.of("llama3.2", "qwen2.5", "mistral", "gemma3"),
                    Optional.empty(), Optional.of("OLLAMA_HOST")),
            "http://localhost:11434", true, "max_tokens");

    /** Creates the provider. */
    public Ollama() {
        super(DIALECT);
    }
}
