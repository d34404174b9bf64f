package io.flowcraft.plugins.llmopenai;

import io.flowcraft.api.spi.LlmProvider;

/** openai against a local stand-in speaking Chat Completions. */
class OpenAiTest extends OpenAiWire {
    @Override
    protected LlmProvider provider() {
        return new OpenAi();
    }

    @Override
    protected String model() {
        return "gpt-4o-mini";
    }

    @Override
    protected String baseUrl(String serviceUrl) {
        return serviceUrl + "/v1/";
    }

    @Override
    String maxTokensField() {
        return "max_completion_tokens";
    }
}
