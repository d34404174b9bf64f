package io.flowcraft.engine;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Where the LLM service finds keys and provider settings, how it caches, and what tokens cost.
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
 * @param prices          what tokens cost, by provider and model
 */
public record LlmSettings(Function<String, Optional<String>> keys,
                          BiFunction<String, String, Optional<String>> providerConfig,
                          Function<String, Optional<String>> environment, Duration timeout, boolean cacheEnabled,
                          Duration cacheTtl, int cacheMaxEntries, PriceTable prices) {
    /** The defaults: calls may take 2 minutes; the cache is on, keeps 1,000 answers for an hour. */
    public static final Cache DEFAULT_CACHE = new Cache(true, Duration.ofHours(1), 1000);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    /** Checks the components. */
    public LlmSettings {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(providerConfig, "providerConfig");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        Objects.requireNonNull(prices, "prices");
        if (cacheMaxEntries < 0) {
            throw new IllegalArgumentException("cacheMaxEntries must be ≥ 0");
        }
    }

    /**
     * Settings without prices (every cost unknown).
     *
     * @param keys            named API keys
     * @param providerConfig  provider settings
     * @param environment     environment variables
     * @param timeout         how long one call may take
     * @param cacheEnabled    whether the cache is on
     * @param cacheTtl        how long a cached answer is reused
     * @param cacheMaxEntries most answers cached
     */
    public LlmSettings(Function<String, Optional<String>> keys,
                       BiFunction<String, String, Optional<String>> providerConfig,
                       Function<String, Optional<String>> environment, Duration timeout, boolean cacheEnabled,
                       Duration cacheTtl, int cacheMaxEntries) {
        this(keys, providerConfig, environment, timeout, cacheEnabled, cacheTtl, cacheMaxEntries, PriceTable.none());
    }

    /**
     * How the response cache behaves.
     *
     * @param enabled    whether identical calls are answered from the cache
     * @param ttl        how long an answer is reused
     * @param maxEntries most answers kept (least recently used dropped first)
     */
    public record Cache(boolean enabled, Duration ttl, int maxEntries) {
        /** Checks the components. */
        public Cache {
            Objects.requireNonNull(ttl, "ttl");
            if (maxEntries < 0) {
                throw new IllegalArgumentException("maxEntries must be ≥ 0");
            }
        }
    }

    /**
     * Settings from fixed maps (tests, the CLI): no keys by id, the given provider settings, the
     * given environment, a 2-minute timeout, the default cache and the bundled prices.
     *
     * @param providerConfig provider id → its settings
     * @param environment    environment variables
     * @return the settings
     */
    public static LlmSettings of(Map<String, Map<String, String>> providerConfig, Map<String, String> environment) {
        Map<String, String> env = Map.copyOf(environment);
        return layered(name -> Optional.ofNullable(env.get(name)), Map.of(), providerConfig, DEFAULT_TIMEOUT,
                DEFAULT_CACHE, PriceTable.bundled());
    }

    /**
     * Settings read from environment variables at each call (so a rotated key is used by the next
     * call): named keys {@code FLOWCRAFT_LLM_KEYS_<ID>}, provider settings
     * {@code FLOWCRAFT_LLM_PROVIDERS_<PROVIDER>_<KEY>} ({@code FLOWCRAFT_LLM_PROVIDERS_OPENAI_BASE_URL}),
     * and the variables the providers' SDKs read ({@code OPENAI_API_KEY}, …); a 2-minute timeout,
     * the default cache and the bundled prices.
     *
     * @param environment the environment (normally {@code System::getenv} wrapped in an Optional)
     * @return the settings
     */
    public static LlmSettings fromEnvironment(Function<String, Optional<String>> environment) {
        return layered(environment, Map.of(), Map.of(), DEFAULT_TIMEOUT, DEFAULT_CACHE, PriceTable.bundled());
    }

    /**
     * Settings from the configuration file under the environment: a named key or provider setting
     * is looked up first in the environment ({@code FLOWCRAFT_LLM_KEYS_<ID>},
     * {@code FLOWCRAFT_LLM_PROVIDERS_<PROVIDER>_<KEY>}, at each call), then in the configuration.
     *
     * @param environment the environment, read at each call (a {@link LiveEnvironment} picks up
     *                    rotated keys)
     * @param keys        named keys from the configuration ({@code flowcraft.llm.keys})
     * @param providers   provider settings from the configuration ({@code flowcraft.llm.providers})
     * @param timeout     how long one call may take
     * @param cache       how the response cache behaves
     * @param prices      what tokens cost
     * @return the settings
     */
    public static LlmSettings layered(Function<String, Optional<String>> environment, Map<String, String> keys,
                                      Map<String, Map<String, String>> providers, Duration timeout, Cache cache,
                                      PriceTable prices) {
        Map<String, String> keyMap = Map.copyOf(keys);
        Map<String, Map<String, String>> providerMap = Map.copyOf(providers);
        return new LlmSettings(
                id -> environment.apply("FLOWCRAFT_LLM_KEYS_" + envPart(id)).filter(s -> !s.isBlank())
                        .or(() -> Optional.ofNullable(keyMap.get(id))),
                (provider, key) -> environment.apply("FLOWCRAFT_LLM_PROVIDERS_" + envPart(provider) + "_" + envPart(key))
                        .filter(s -> !s.isBlank())
                        .or(() -> Optional.ofNullable(providerMap.getOrDefault(provider, Map.of()).get(key))),
                environment, timeout, cache.enabled(), cache.ttl(), cache.maxEntries(), prices);
    }

    /**
     * The environment-variable form of a name: upper case, dashes and dots as underscores.
     *
     * @param s a key id, provider id or setting name
     * @return for example {@code BASE_URL} for {@code base-url}
     */
    static String envPart(String s) {
        return s.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}
