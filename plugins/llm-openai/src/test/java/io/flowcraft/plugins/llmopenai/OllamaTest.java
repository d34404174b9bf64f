package io.flowcraft.plugins.llmopenai;

import io.flowcraft.api.spi.LlmProvider;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ollama, without a key, against a local stand-in: the base URL names only the host, as OLLAMA_HOST does. */
class OllamaTest extends OpenAiWire {
    @Override
    protected LlmProvider provider() {
        return new Ollama();
    }

    @Override
    protected String model() {
        return "llama3.2";
    }

    @Override
    protected String key() {
        return null;
    }

    @Override
    protected String baseUrl(String serviceUrl) {
        return serviceUrl.substring("http://".length());
    }

    @Override
    String maxTokensField() {
        return "max_tokens";
    }

    @Test
    void ollamaHostFormsBecomeTheV1Endpoint() {
        Dialect dialect = Ollama.DIALECT;
        assertEquals("http://localhost:11434/v1", dialect.apiBase("http://localhost:11434"));
        assertEquals("http://localhost:11434/v1", dialect.apiBase("localhost"));
        assertEquals("http://10.0.0.2:8080/v1", dialect.apiBase("10.0.0.2:8080"));
        assertEquals("https://ollama.example.com/v1", dialect.apiBase("https://ollama.example.com/v1"));
    }
}
