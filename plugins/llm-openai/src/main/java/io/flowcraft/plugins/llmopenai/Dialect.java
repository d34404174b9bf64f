package io.flowcraft.plugins.llmopenai;

import io.flowcraft.api.spi.ProviderDescriptor;

import java.util.Objects;

/**
 * What sets one OpenAI-compatible service apart from another.
 *
 * @param descriptor     the provider's descriptor
 * @param defaultBaseUrl the base URL when none is configured (the one {@code /chat/completions} hangs off)
 * @param hostOnlyBase   whether the configured base URL names only a host (Ollama's {@code OLLAMA_HOST}:
 *                       {@code localhost:11434}, scheme and {@code /v1} are added)
 * @param maxTokensField the body field that carries the most tokens to generate
 */
record Dialect(ProviderDescriptor descriptor, String defaultBaseUrl, boolean hostOnlyBase, String maxTokensField) {
    Dialect {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl");
        Objects.requireNonNull(maxTokensField, "maxTokensField");
    }

    /**
     * The base URL to use, from the configured one (already stripped of trailing slashes).
     *
     * @param configured the configured base URL or the default
     * @return the URL {@code /chat/completions} and {@code /models} hang off
     */
    String apiBase(String configured) {
        if (!hostOnlyBase) {
            return configured;
        }
        String base = configured.contains("://") ? configured : "http://" + configured;
        String authority = base.substring(base.indexOf("://") + 3).split("/", 2)[0];
        if (!authority.contains(":") && base.startsWith("http://")) {
            base = base.replaceFirst(java.util.regex.Pattern.quote(authority), authority + ":11434");
        }
        return base.endsWith("/v1") ? base : base + "/v1";
    }
}
