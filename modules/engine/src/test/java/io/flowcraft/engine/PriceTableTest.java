package io.flowcraft.engine;

import io.flowcraft.api.spi.TokenUsage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prices by provider and model: exact, dated snapshots by prefix, wildcards, overrides. */
class PriceTableTest {
    private static final TokenUsage MILLION_EACH = new TokenUsage(1_000_000, 1_000_000);

    @Test
    void datedSnapshotsArePricedAsTheirModelAndTheLongestEntryWins() {
        PriceTable table = PriceTable.bundled();
        assertEquals(0.05 + 0.40, table.cost("openai", "gpt-5-nano-2025-08-07", MILLION_EACH).getAsDouble(), 1e-9,
                "DiPeO's model is priced as gpt-5-nano, not gpt-5");
        assertEquals(0.10 + 0.40, table.cost("openai", "gpt-4.1-nano", MILLION_EACH).getAsDouble(), 1e-9);
        assertEquals(2.00 + 8.00, table.cost("openai", "GPT-4.1", MILLION_EACH).getAsDouble(), 1e-9);
        assertEquals(OptionalDouble.empty(), table.cost("openai", "gpt-50", MILLION_EACH),
                "a prefix matches only at a separator");
        assertEquals(OptionalDouble.empty(), table.cost("anthropic", "gpt-4.1", MILLION_EACH),
                "prices belong to a provider");
        assertEquals(0.0, table.cost("ollama", "llama3.2:3b", MILLION_EACH).getAsDouble(), "local models are free");
    }

    @Test
    void operatorPricesReplaceAndExtendTheBundledOnes() {
        PriceTable table = PriceTable.bundled().with(List.of(
                new PriceTable.Price("openai", "gpt-4.1-mini", 1, 2),
                new PriceTable.Price("openai", "my-finetune", 3, 4)));
        assertEquals(3.0, table.cost("openai", "gpt-4.1-mini-2025-04-14", MILLION_EACH).getAsDouble(), 1e-9);
        assertEquals(0.000_007, table.cost("openai", "my-finetune", new TokenUsage(1, 1)).getAsDouble(), 1e-12);
        assertEquals(Optional.empty(), PriceTable.none().price("openai", "gpt-4.1"));
        assertThrows(IllegalArgumentException.class, () -> new PriceTable.Price("openai", "x", -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new PriceTable.Price("openai", "x", Double.NaN, 0));
        assertTrue(table.prices().size() > 20);
    }

    @Test
    void usageSumsKnownCosts() {
        TokenUsage priced = new TokenUsage(10, 5).withCost(0.5);
        TokenUsage unpriced = new TokenUsage(1, 1);
        assertEquals(new TokenUsage(11, 6).withCost(0.5), priced.plus(unpriced));
        assertEquals(new TokenUsage(11, 6).withCost(0.5), unpriced.plus(priced));
        assertEquals(new TokenUsage(2, 2), unpriced.plus(unpriced), "no price, no cost");
    }
}
