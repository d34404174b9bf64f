package io.flowcraft.engine;

import io.flowcraft.api.spi.LlmProvider;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

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
     * The standard services over the environment alone: a shared HTTP client, secrets from
     * {@code FLOWCRAFT_SECRETS_<NAME>}, and the LLM service over {@code providers} with settings
     * from the environment ({@link LlmSettings#fromEnvironment}). The environment is a
     * {@link LiveEnvironment}: {@code FLOWCRAFT_ENV_FILE} and {@code FLOWCRAFT_ENV_DIR}, when set,
     * name files that are re-read when they change.
     *
     * @param providers   the LLM providers loaded now (asked at each call)
     * @param environment the process environment
     * @return the services
     */
    public static HostServices standard(Supplier<List<LlmProvider>> providers,
                                        Function<String, Optional<String>> environment) {
        LiveEnvironment live = LiveEnvironment.of(environment);
        return standard(providers, LlmSettings.fromEnvironment(live), secrets(live, Map.of()));
    }

    /**
     * The standard services: a shared HTTP client (10 s to connect), the given secrets, and the LLM
     * service over {@code providers}.
     *
     * @param providers the LLM providers loaded now (asked at each call)
     * @param llm       keys, provider settings, cache and prices
     * @param secrets   plugin secrets by name, looked up at each call
     * @return the services
     */
    public static HostServices standard(Supplier<List<LlmProvider>> providers, LlmSettings llm,
                                        Function<String, Optional<String>> secrets) {
        return standard(providers, llm, secrets, LlmService.Observer.NONE);
    }

    /**
     * The standard services, telling an observer about every LLM call. The HTTP client is built on
     * its first use, so a start does not pay for it.
     *
     * @param providers the LLM providers loaded now (asked at each call)
     * @param llm       keys, provider settings, cache and prices
     * @param secrets   plugin secrets by name, looked up at each call
     * @param observer  told about each LLM call (metrics, tracing)
     * @return the services
     */
    public static HostServices standard(Supplier<List<LlmProvider>> providers, LlmSettings llm,
                                        Function<String, Optional<String>> secrets, LlmService.Observer observer) {
        HttpClient http = new LazyHttpClient(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build());
        return new HostServices(Optional.of(http), secrets, Optional.of(new LlmService(providers, llm, http, observer)));
    }

    /**
     * Plugin secrets: {@code FLOWCRAFT_SECRETS_<NAME>} from the environment (read at each call),
     * else the configured value.
     *
     * @param environment the environment
     * @param configured  secrets from the configuration file ({@code flowcraft.secrets}), by name
     * @return secret by name
     */
    public static Function<String, Optional<String>> secrets(Function<String, Optional<String>> environment,
                                                             Map<String, String> configured) {
        Map<String, String> copy = Map.copyOf(configured);
        return name -> environment.apply("FLOWCRAFT_SECRETS_" + LlmSettings.envPart(name)).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(copy.get(name)));
    }
}
