package io.flowcraft.server.security;

import io.flowcraft.server.config.FlowcraftConfig;

import java.util.Objects;

/**
 * One WebSocket connection's standing: who opened it, from where, and its message budget, a token
 * bucket of {@code burst} messages refilled at {@code messages-per-second}. A connection whose
 * messages are refused more than {@code refusals-before-close} times within
 * {@value #FLOOD_WINDOW_SECONDS} seconds is to be closed. Thread-safe (a connection's messages
 * arrive on its own thread, but the budget does not rely on it).
 */
public final class ClientAccess {
    static final int FLOOD_WINDOW_SECONDS = 10;
    private static final long FLOOD_WINDOW_NANOS = FLOOD_WINDOW_SECONDS * 1_000_000_000L;

    private final Principal principal;
    private final String address;
    private final double perNano;
    private final int burst;
    private final int refusalsBeforeClose;
    private double tokens;
    private long refilled;
    private long windowStart;
    private int refused;

    ClientAccess(Principal principal, String address, FlowcraftConfig.Security.Limits limits, long now) {
        this.principal = Objects.requireNonNull(principal, "principal");
        this.address = Objects.requireNonNull(address, "address");
        this.perNano = limits.messagesPerSecond() / 1e9;
        this.burst = limits.burst();
        this.refusalsBeforeClose = limits.refusalsBeforeClose();
        this.tokens = burst;
        this.refilled = now;
        this.windowStart = now;
    }

    /**
     * Who opened the connection.
     *
     * @return the principal
     */
    public Principal principal() {
        return principal;
    }

    /**
     * The remote address the connection came from.
     *
     * @return the address
     */
    public String address() {
        return address;
    }

    /** What to do with one incoming message. */
    public sealed interface Budget {
        /** Process it. */
        record Spent() implements Budget {
        }

        /**
         * Refuse it ({@code rate_limited}).
         *
         * @param retryAfterMs when the next message will be accepted
         * @param first        whether the previous message was accepted
         */
        record Over(long retryAfterMs, boolean first) implements Budget {
        }

        /** Refuse it and close the connection: it keeps flooding. */
        record Flooding() implements Budget {
        }
    }

    /**
     * Spends one message of the budget.
     *
     * @param now {@link System#nanoTime()}
     * @return whether the message may be processed
     */
    synchronized Budget spend(long now) {
        tokens = Math.min(burst, tokens + (now - refilled) * perNano);
        refilled = now;
        if (tokens >= 1) {
            tokens -= 1;
            return new Budget.Spent();
        }
        if (now - windowStart > FLOOD_WINDOW_NANOS) {
            windowStart = now;
            refused = 0;
        }
        if (++refused > refusalsBeforeClose) {
            return new Budget.Flooding();
        }
        long wait = (long) Math.ceil((1 - tokens) / perNano / 1_000_000);
        return new Budget.Over(Math.max(1, wait), refused == 1);
    }
}
