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

    /**
     * The standard services: a shared HTTP client (10 s to connect), secrets from
     * {@code FLOWCRAFT_SECRETS_<NAME>}, and the LLM service over {@code providers} with settings
     * from the environment ({@link LlmSettings#fromEnvironment}).
     *
     * @param providers   the LLM providers loaded now (asked at each call)
     * @param environment the environment, read at each call
     * @return the services
     */
    public static HostServices standard(java.util.function.Supplier<java.util.List<io.flowcraft.api.spi.LlmProvider>> providers,
                                        Function<String, Optional<String>> environment) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return new HostServices(Optional.of(http),
                name -> environment.apply("FLOWCRAFT_SECRETS_" + name.toUpperCase(java.util.Locale.ROOT)
                        .replace('-', '_').replace('.', '_')),
                Optional.of(new LlmService(providers, LlmSettings.fromEnvironment(environment), http)));
    }
}
