package io.flowcraft.api.spi;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Tokens LLM calls used, and what they cost when the models' prices are known.
 *
 * @param input   prompt tokens
 * @param output  completion tokens
 * @param costUsd the cost in US dollars of the calls whose model has a price; empty when none has
 */
public record TokenUsage(long input, long output, OptionalDouble costUsd) {
    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if a count or the cost is negative
     */
    public TokenUsage {
        Objects.requireNonNull(costUsd, "costUsd");
        if (input < 0 || output < 0 || costUsd.orElse(0) < 0) {
            throw new IllegalArgumentException("token counts and cost must not be negative");
        }
    }

    /**
     * Tokens without a known cost (what a provider reports).
     *
     * @param input  prompt tokens
     * @param output completion tokens
     */
    public TokenUsage(long input, long output) {
        this(input, output, OptionalDouble.empty());
    }

    /**
     * These tokens with a cost.
     *
     * @param usd the cost in US dollars
     * @return a copy with the cost
     */
    public TokenUsage withCost(double usd) {
        return new TokenUsage(input, output, OptionalDouble.of(usd));
    }

    /**
     * The sum of two usages; the cost is the sum of the known costs.
     *
     * @param other another usage
     * @return the total
     */
    public TokenUsage plus(TokenUsage other) {
        OptionalDouble cost = costUsd.isEmpty() ? other.costUsd : other.costUsd.isEmpty() ? costUsd
                : OptionalDouble.of(costUsd.getAsDouble() + other.costUsd.getAsDouble());
        return new TokenUsage(input + other.input, output + other.output, cost);
    }
}
