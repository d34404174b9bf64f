package io.flowcraft.engine;

import java.net.http.HttpClient;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the host lends node executors: its shared HTTP client, the secrets operators configured
 * for plugins, and the LLM service.
 *
 * @param http    the shared HTTP client, if executors may call web services
 * @param secrets secret by name ({@code notion} → token), looked up at each call
 * @param llm     the LLM service, if this host has one
 */
public record HostServices(Optional<HttpClient> http, Function<String, Optional<String>> secrets,
                           Optional<LlmService> llm) {
    /** Checks the components. */
    public HostServices {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(llm, "llm");
    }

    /**
     * Nothing: executors get no HTTP client, no secrets and no LLM service.
     *
     * @return the empty services
     */
    public static HostServices none() {
        return new HostServices(Optional.empty(), name -> Optional.empty(), Optional.empty());
    }
}
