package io.flowcraft.engine;

import io.flowcraft.api.spi.LlmMessage;
import io.flowcraft.api.spi.LlmRequest;
import io.flowcraft.api.spi.LlmResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * LLM responses by a SHA-256 of what determines them (provider, model, system prompt, messages,
 * temperature, max tokens), each kept for a time to live, the least recently used dropped first.
 * The key id is not part of the hash: the same question asked with another key gets the same
 * answer. Thread-safe.
 */
final class ResponseCache {
    private final Duration ttl;
    private final int maxEntries;
    private final LinkedHashMap<String, Cached> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    private record Cached(LlmResponse response, Instant expires) {
    }

    ResponseCache(Duration ttl, int maxEntries) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > ResponseCache.this.maxEntries;
            }
        };
    }

    static String key(String providerId, LlmRequest r) {
        StringBuilder sb = new StringBuilder(256).append(providerId).append('\u0000').append(r.model()).append('\u0000')
                .append(r.systemPrompt().orElse("")).append('\u0000')
                .append(r.temperature().isPresent() ? Double.toString(r.temperature().getAsDouble()) : "-")
                .append('\u0000').append(r.maxTokens().isPresent() ? Integer.toString(r.maxTokens().getAsInt()) : "-");
        for (LlmMessage m : r.messages()) {
            sb.append('\u0001').append(m.role()).append('\u0000').append(m.content());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    synchronized Optional<LlmResponse> get(String key, Instant now) {
        Cached e = entries.get(key);
        if (e == null || now.isAfter(e.expires())) {
            if (e != null) {
                entries.remove(key);
            }
            misses.incrementAndGet();
            return Optional.empty();
        }
        hits.incrementAndGet();
        return Optional.of(e.response());
    }

    synchronized void put(String key, LlmResponse response, Instant now) {
        if (maxEntries > 0) {
            entries.put(key, new Cached(response, now.plus(ttl)));
        }
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }
}
