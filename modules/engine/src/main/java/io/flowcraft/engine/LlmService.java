package io.flowcraft.engine;

import io.flowcraft.api.spi.KeyCheck;
import io.flowcraft.api.spi.LlmCallException;
import io.flowcraft.api.spi.LlmContext;
import io.flowcraft.api.spi.LlmProvider;
import io.flowcraft.api.spi.LlmRequest;
import io.flowcraft.api.spi.LlmResponse;
import io.flowcraft.api.spi.ProviderDescriptor;
import io.flowcraft.api.spi.TokenUsage;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The LLM service: finds the provider plugin that serves a service id or alias, resolves its key
 * and base URL for each call (so rotated keys apply to the next call), answers repeated calls from
 * the response cache, and turns every provider failure into an {@link LlmCallException} whose
 * message names the service and model and never contains a key. Thread-safe.
 */
public final class LlmService {
    private static final System.Logger LOG = System.getLogger(LlmService.class.getName());

    private final Supplier<List<LlmProvider>> providers;
    private final LlmSettings settings;
    private final HttpClient http;
    private final ResponseCache cache;
    private final Observer observer;
    private final java.util.Set<String> unknownKeyIds = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Creates the service.
     *
     * @param providers the providers loaded now (asked at every call: plugins come and go)
     * @param settings  keys, provider settings and cache settings
     * @param http      the shared HTTP client
     */
    public LlmService(Supplier<List<LlmProvider>> providers, LlmSettings settings, HttpClient http) {
        this(providers, settings, http, Observer.NONE);
    }

    /**
     * Creates the service, telling an observer about every call (metrics, tracing).
     *
     * @param providers the providers loaded now
     * @param settings  keys, provider settings and cache settings
     * @param http      the shared HTTP client
     * @param observer  told about each call
     */
    public LlmService(Supplier<List<LlmProvider>> providers, LlmSettings settings, HttpClient http, Observer observer) {
        this.observer = java.util.Objects.requireNonNull(observer, "observer");
        this.providers = providers;
        this.settings = settings;
        this.http = http;
        this.cache = new ResponseCache(settings.cacheTtl(), settings.cacheMaxEntries());
    }

    /**
     * Told about each LLM call, on the calling thread; must be quick and must not throw.
     */
    public interface Observer {
        /** Observes nothing. */
        Observer NONE = (provider, model, usage, cached, durationNanos, error) -> { };

        /**
         * One observer that tells each of {@code observers}, in order (metrics and tracing, say).
         * Each is told even when an earlier one throws; the first exception is rethrown afterwards.
         *
         * @param observers the observers, none null
         * @return {@link #NONE} for none, the observer itself for one, else their fan-out
         * @throws NullPointerException if an observer is null
         */
        static Observer all(Observer... observers) {
            List<Observer> each = List.of(observers);
            if (each.size() < 2) {
                return each.isEmpty() ? NONE : each.getFirst();
            }
            return (provider, model, usage, cached, durationNanos, error) -> Observers.tellEach(each,
                    o -> o.call(provider, model, usage, cached, durationNanos, error));
        }

        /**
         * A call ended.
         *
         * @param provider      the provider id
         * @param model         the model asked for
         * @param usage         tokens spent (zero for a cached answer or a failure)
         * @param cached        whether the cache answered
         * @param durationNanos how long the call took
         * @param error         why it failed, if it did (never containing a key)
         */
        void call(String provider, String model, TokenUsage usage, boolean cached, long durationNanos,
                  Optional<String> error);
    }

    /**
     * What a provider is and whether a key is configured for it.
     *
     * @param descriptor    the provider's descriptor
     * @param keyConfigured whether a default key is configured (configuration or environment)
     * @param keySource     where the default key comes from: the setting or variable's name (never the key)
     */
    public record ProviderStatus(ProviderDescriptor descriptor, boolean keyConfigured, Optional<String> keySource) {
    }

    /**
     * Every loaded provider, with whether a key is configured for it.
     *
     * @return the providers, by id
     */
    public List<ProviderStatus> providers() {
        return providers.get().stream()
                .map(p -> {
                    Optional<String> source = keySource(p.descriptor());
                    return new ProviderStatus(p.descriptor(), source.isPresent(), source);
                })
                .sorted(java.util.Comparator.comparing(s -> s.descriptor().id()))
                .toList();
    }

    /**
     * Whether identical calls are answered from the cache.
     *
     * @return true when the cache is on
     */
    public boolean cacheEnabled() {
        return settings.cacheEnabled();
    }

    /**
     * What tokens cost.
     *
     * @return the price table in use
     */
    public PriceTable prices() {
        return settings.prices();
    }

    /**
     * Asks a provider whether the service accepts its configured key (one cheap call).
     *
     * @param service a service id or alias
     * @return the outcome, or empty when no provider serves {@code service}
     */
    public Optional<KeyCheck> checkKey(String service) {
        Optional<LlmProvider> provider = provider(service);
        if (provider.isEmpty()) {
            return Optional.empty();
        }
        ProviderDescriptor d = provider.get().descriptor();
        Optional<String> key = defaultKey(d);
        if (d.needsApiKey() && key.isEmpty()) {
            return Optional.of(new KeyCheck(KeyCheck.Outcome.MISSING, missingKey(d)));
        }
        try {
            KeyCheck check = provider.get().checkKey(context(d, key, t -> { }));
            return Optional.of(new KeyCheck(check.outcome(), redact(check.message(), key)));
        } catch (RuntimeException e) {
            return Optional.of(new KeyCheck(KeyCheck.Outcome.UNREACHABLE, redact(d.title() + ": " + e.getMessage(), key)));
        }
    }

    /**
     * Runs one chat completion.
     *
     * @param service a service id or alias
     * @param request the request
     * @param onToken where streamed text goes
     * @return the response (from the cache when the same call was answered before)
     * @throws LlmCallException     when no provider serves the service, no key is configured, or the call failed
     * @throws InterruptedException if the calling thread was interrupted (the run was cancelled)
     */
    public LlmResponse complete(String service, LlmRequest request, Consumer<String> onToken)
            throws InterruptedException {
        LlmProvider provider = provider(service).orElseThrow(() -> new LlmCallException(
                "no LLM provider serves '" + service + "' (loaded: " + loadedIds()
                        + "); add the provider's plugin jar to the plugins directory"));
        ProviderDescriptor d = provider.descriptor();
        Optional<String> key = key(d, request);
        if (d.needsApiKey() && key.isEmpty()) {
            throw new LlmCallException(missingKey(d));
        }
        long started = System.nanoTime();
        String cacheKey = settings.cacheEnabled() ? ResponseCache.key(d.id(), request) : null;
        if (cacheKey != null) {
            Optional<LlmResponse> hit = cache.get(cacheKey, Instant.now());
            if (hit.isPresent()) {
                // answered without a call: no tokens spent
                TokenUsage none = new TokenUsage(0, 0).withCost(0);
                observer.call(d.id(), request.model(), none, true, System.nanoTime() - started, Optional.empty());
                return new LlmResponse(hit.get().text(), none, hit.get().model());
            }
        }
        LlmResponse response;
        try {
            response = provider.complete(request, context(d, key, onToken));
        } catch (InterruptedException e) {
            failed(d, request, started, "cancelled");
            throw e;
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                failed(d, request, started, "cancelled");
                throw new InterruptedException("cancelled during a call to " + d.title());
            }
            String message = redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), key);
            LOG.log(System.Logger.Level.INFO, d.id() + " " + request.model() + " failed: " + message);
            failed(d, request, started, message);
            throw new LlmCallException(message.toLowerCase(Locale.ROOT).contains(d.id()) ? message
                    : d.title() + " (" + request.model() + "): " + message);
        }
        TokenUsage usage = response.usage();
        java.util.OptionalDouble cost = settings.prices().cost(d.id(), response.model(), usage);
        if (cost.isEmpty()) {
            cost = settings.prices().cost(d.id(), request.model(), usage);
        }
        if (cost.isPresent()) {
            response = new LlmResponse(response.text(), usage.withCost(cost.getAsDouble()), response.model());
        }
        if (cacheKey != null) {
            cache.put(cacheKey, response, Instant.now());
        }
        observer.call(d.id(), request.model(), response.usage(), false, System.nanoTime() - started, Optional.empty());
        return response;
    }

    /** Tells the observer a call failed: it spent no tokens that were reported. */
    private void failed(ProviderDescriptor d, LlmRequest request, long started, String reason) {
        observer.call(d.id(), request.model(), new TokenUsage(0, 0), false, System.nanoTime() - started,
                Optional.of(reason));
    }

    /**
     * How many calls the cache answered.
     *
     * @return the hit count
     */
    public long cacheHits() {
        return cache.hits();
    }

    /**
     * How many calls the cache could not answer (while it was on).
     *
     * @return the miss count
     */
    public long cacheMisses() {
        return cache.misses();
    }

    private Optional<LlmProvider> provider(String service) {
        String wanted = service.toLowerCase(Locale.ROOT).strip();
        return providers.get().stream()
                .filter(p -> p.descriptor().id().equalsIgnoreCase(wanted)
                        || p.descriptor().aliases().stream().anyMatch(a -> a.equalsIgnoreCase(wanted)))
                .findFirst();
    }

    private String loadedIds() {
        List<String> ids = providers.get().stream().map(p -> p.descriptor().id()).sorted().toList();
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    private Optional<String> key(ProviderDescriptor d, LlmRequest request) {
        if (request.apiKeyId().isPresent()) {
            String id = request.apiKeyId().get();
            Optional<String> named = settings.keys().apply(id).filter(s -> !s.isBlank());
            if (named.isPresent()) {
                return named;
            }
            Optional<String> fallback = defaultKey(d);
            if (fallback.isEmpty() && d.needsApiKey()) {
                throw new LlmCallException("api_key_id '" + id + "' names no key and " + d.title()
                        + " has no default key: set flowcraft.llm.keys." + id + " (or FLOWCRAFT_LLM_KEYS_"
                        + id.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_') + "), "
                        + "flowcraft.llm.providers." + d.id() + ".api-key"
                        + d.apiKeyVariable().map(v -> " or " + v).orElse(""));
            }
            if (unknownKeyIds.add(id)) {
                LOG.log(System.Logger.Level.INFO, "api_key_id '" + id + "' names no configured key; "
                        + d.id() + " calls use its default key");
            }
            return fallback;
        }
        return defaultKey(d);
    }

    private Optional<String> defaultKey(ProviderDescriptor d) {
        Optional<String> configured = settings.providerConfig().apply(d.id(), "api-key").filter(s -> !s.isBlank());
        return configured.isPresent() ? configured
                : d.apiKeyVariable().flatMap(settings.environment()).filter(s -> !s.isBlank());
    }

    private Optional<String> keySource(ProviderDescriptor d) {
        if (settings.providerConfig().apply(d.id(), "api-key").filter(s -> !s.isBlank()).isPresent()) {
            return Optional.of("flowcraft.llm.providers." + d.id() + ".api-key");
        }
        return d.apiKeyVariable().filter(v -> settings.environment().apply(v).filter(s -> !s.isBlank()).isPresent());
    }

    private static String missingKey(ProviderDescriptor d) {
        return "no API key for " + d.title() + ": set flowcraft.llm.providers." + d.id() + ".api-key"
                + d.apiKeyVariable().map(v -> " or the environment variable " + v).orElse("");
    }

    private LlmContext context(ProviderDescriptor d, Optional<String> key, Consumer<String> onToken) {
        Duration timeout = settings.timeout();
        return new LlmContext() {
            @Override
            public HttpClient http() {
                return http;
            }

            @Override
            public Optional<String> apiKey() {
                return key;
            }

            @Override
            public Optional<String> config(String name) {
                Optional<String> value = settings.providerConfig().apply(d.id(), name).filter(s -> !s.isBlank());
                if (value.isEmpty() && name.equals("base-url")) {
                    return d.baseUrlVariable().flatMap(settings.environment()).filter(s -> !s.isBlank());
                }
                return value;
            }

            @Override
            public Duration timeout() {
                return timeout;
            }

            @Override
            public void onToken(String text) {
                onToken.accept(text);
            }
        };
    }

    private static String redact(String text, Optional<String> key) {
        if (key.isEmpty() || key.get().length() < 4) {
            return text;
        }
        return text.replace(key.get(), "***");
    }
}
