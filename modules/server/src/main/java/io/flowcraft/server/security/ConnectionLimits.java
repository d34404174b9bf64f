package io.flowcraft.server.security;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open WebSocket connections, server-wide and per remote address, against
 * {@code flowcraft.limits.connections} and {@code connections-per-address} (0: no per-address
 * limit). Thread-safe: a slot is taken atomically, so concurrent upgrades never overshoot.
 */
final class ConnectionLimits {
    private final int max;
    private final int perAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> byAddress = new ConcurrentHashMap<>();

    ConnectionLimits(int max, int perAddress) {
        this.max = max;
        this.perAddress = perAddress;
    }

    /**
     * Which limit a new connection from {@code address} would exceed now, without taking a slot.
     *
     * @return {@code server} or {@code address}, or empty when there is room
     */
    Optional<String> full(String address) {
        if (open.get() >= max) {
            return Optional.of("server");
        }
        if (perAddress > 0 && byAddress.getOrDefault(address, 0) >= perAddress) {
            return Optional.of("address");
        }
        return Optional.empty();
    }

    /**
     * Takes a slot for a connection from {@code address}.
     *
     * @return empty when taken, else the limit it would exceed ({@code server} or {@code address})
     */
    Optional<String> open(String address) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            return Optional.of("server");
        }
        if (perAddress > 0) {
            boolean[] taken = {false};
            byAddress.compute(address, (a, n) -> {
                int count = n == null ? 0 : n;
                taken[0] = count < perAddress;
                return taken[0] ? count + 1 : n;
            });
            if (!taken[0]) {
                open.decrementAndGet();
                return Optional.of("address");
            }
        }
        return Optional.empty();
    }

    /** Gives back the slot of a connection from {@code address}. */
    void closed(String address) {
        open.decrementAndGet();
        if (perAddress > 0) {
            byAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    int limit(String scope) {
        return scope.equals("server") ? max : perAddress;
    }
}
