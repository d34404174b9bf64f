package io.flowcraft.plugins.llmopenai;

import io.flowcraft.api.spi.LlmProvider;

/** grok (xAI) against a local stand-in speaking Chat Completions. */
class GrokTest extends OpenAiWire {
    @Override
    protected LlmProvider provider() {
        return new Grok();
    }

    @Override
    protected String model() {
        return "grok-3-mini";
    }

    @Override
    protected String baseUrl(String serviceUrl) {
        return serviceUrl + "/v1";
    }

    @Override
    String maxTokensField() {
        return "max_tokens";
    }
}
