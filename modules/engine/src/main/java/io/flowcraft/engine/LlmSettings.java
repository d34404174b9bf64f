package io.flowcraft.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the LLM service finds keys and provider settings, and how it caches.
 *
 * <p>Lookups are functions so that the host can re-read a changed environment or secrets file
 * between calls: a rotated key is used by the next call while calls in flight finish with the key
 * they started with.
 *
 * @param keys            named API keys ({@code api_key_id} → key), looked up at each call
 * @param providerConfig  a provider's setting ({@code (providerId, key)} → value: {@code api-key},
 *                        {@code base-url}, {@code max-retries}, …), looked up at each call
 * @param environment     environment variables, looked up at each call
 * @param timeout         how long one provider call may take
 * @param cacheEnabled    whether identical calls are answered from the response cache
 * @param cacheTtl        how long a cached response is reused
 * @param cacheMaxEntries how many responses the cache holds at most
 */
public record LlmSettings(Function<String, Optional<String>> keys,
                          java.util.function.BiFunction<String, String, Optional<String>> providerConfig,
                          Function<String, Optional<String>> environment, Duration timeout, boolean cacheEnabled,
                          Duration cacheTtl, int cacheMaxEntries) {
    /** Checks the components. */
    public LlmSettings {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(providerConfig, "providerConfig");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        if (cacheMaxEntries < 0) {
            throw new IllegalArgumentException("cacheMaxEntries must be ≥ 0");
        }
    }

    /**
     * Settings from fixed maps (tests, the CLI): no keys by id, the given provider settings, the
     * given environment, a 2-minute timeout, the cache on for an hour, 1,000 entries.
     *
     * @param providerConfig provider id → its settings
     * @param environment    environment variables
     * @return the settings
     */
    public static LlmSettings of(Map<String, Map<String, String>> providerConfig, Map<String, String> environment) {
        Map<String, Map<String, String>> config = Map.copyOf(providerConfig);
        Map<String, String> env = Map.copyOf(environment);
        return new LlmSettings(id -> Optional.empty(),
                (provider, key) -> Optional.ofNullable(config.getOrDefault(provider, Map.of()).get(key)),
                name -> Optional.ofNullable(env.get(name)), Duration.ofMinutes(2), true, Duration.ofHours(1), 1000);
    }

    /**
     * Settings read from environment variables at each call (so a rotated key is used by the next
     * call): named keys {@code FLOWCRAFT_LLM_KEYS_<ID>}, provider settings
     * {@code FLOWCRAFT_LLM_PROVIDERS_<PROVIDER>_<KEY>} ({@code FLOWCRAFT_LLM_PROVIDERS_OPENAI_BASE_URL}),
     * and the variables the providers' SDKs read ({@code OPENAI_API_KEY}, …); a 2-minute timeout,
     * the cache on for an hour with 1,000 entries.
     *
     * @param environment the environment (normally {@code System::getenv} wrapped in an Optional)
     * @return the settings
     */
    public static LlmSettings fromEnvironment(Function<String, Optional<String>> environment) {
        return new LlmSettings(id -> environment.apply("FLOWCRAFT_LLM_KEYS_" + envPart(id)),
                (provider, key) -> environment.apply("FLOWCRAFT_LLM_PROVIDERS_" + envPart(provider) + "_" + envPart(key)),
                environment, Duration.ofMinutes(2), true, Duration.ofHours(1), 1000);
    }

    private static String envPart(String s) {
        return s.toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}
