package io.flowcraft.api.spi;

/**
 * Tokens an LLM call used.
 *
 * @param input  prompt tokens
 * @param output completion tokens
 */
public record TokenUsage(long input, long output) {
    /**
     * The sum of two usages.
     *
     * @param other another usage
     * @return the total
     */
    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(input + other.input, output + other.output);
    }
}
