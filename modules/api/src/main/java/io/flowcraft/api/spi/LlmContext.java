package io.flowcraft.api.spi;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

/**
 * What a provider gets from the host for one call: the shared HTTP client, its configuration and
 * the resolved API key. Keys are secrets: a provider never logs them or puts them in errors.
 */
public interface LlmContext {
    /**
     * The host's shared HTTP client (one connection pool for every provider).
     *
     * @return the client
     */
    HttpClient http();

    /**
     * The API key for this call (the person's {@code api_key_id}, else the provider's default).
     *
     * @return the key, if one is configured
     */
    Optional<String> apiKey();

    /**
     * A configuration value of this provider ({@code base-url}, …), from YAML or environment.
     *
     * @param key the key under the provider's configuration node
     * @return the value, if set
     */
    Optional<String> config(String key);

    /**
     * How long one call may take.
     *
     * @return the timeout
     */
    Duration timeout();

    /**
     * Streams a partial response (tokens) to whoever watches.
     *
     * @param text the partial text
     */
    default void onToken(String text) {
    }
}
