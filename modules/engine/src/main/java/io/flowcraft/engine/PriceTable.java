package io.flowcraft.engine;

import io.flowcraft.api.spi.TokenUsage;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What LLM tokens cost, by provider and model, in US dollars per million tokens. A model is priced
 * by its exact entry, else by the longest entry it starts with at a {@code -}, {@code :} or
 * {@code @} ({@code gpt-5-nano-2025-08-07} is priced as {@code gpt-5-nano}), else by the provider's
 * {@code *} entry. Immutable; thread-safe.
 */
public final class PriceTable {
    private static final String BUNDLED = "llm-prices.yaml";

    /**
     * One price.
     *
     * @param provider         the provider id ({@code openai})
     * @param model            the model, a model prefix, or {@code *} for every model of the provider
     * @param inputPerMillion  US dollars per million prompt tokens
     * @param outputPerMillion US dollars per million completion tokens
     */
    public record Price(String provider, String model, double inputPerMillion, double outputPerMillion) {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if a name is blank or a price negative or not a number
         */
        public Price {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(model, "model");
            if (provider.isBlank() || model.isBlank()) {
                throw new IllegalArgumentException("a price needs a provider and a model");
            }
            if (!(inputPerMillion >= 0) || !(outputPerMillion >= 0) || Double.isInfinite(inputPerMillion)
                    || Double.isInfinite(outputPerMillion)) {
                throw new IllegalArgumentException("the price of " + provider + " " + model
                        + " must be a number ≥ 0 of dollars per million tokens");
            }
            provider = provider.strip().toLowerCase(Locale.ROOT);
            model = model.strip().toLowerCase(Locale.ROOT);
        }

        /**
         * What these tokens cost at this price.
         *
         * @param usage the tokens
         * @return US dollars
         */
        public double cost(TokenUsage usage) {
            return (usage.input() * inputPerMillion + usage.output() * outputPerMillion) / 1_000_000d;
        }
    }

    private final Map<String, Price> prices;

    private PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /**
     * No prices: every cost is unknown.
     *
     * @return the empty table
     */
    public static PriceTable none() {
        return new PriceTable(Map.of());
    }

    /**
     * The list prices shipped with Flowcraft ({@code llm-prices.yaml} in this module), for the
     * common models of OpenAI, Anthropic, Gemini and xAI, and nothing for Ollama.
     *
     * @return the bundled table
     */
    public static PriceTable bundled() {
        try (InputStream in = PriceTable.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the engine jar");
            }
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            List<Price> list = new ArrayList<>();
            ((Map<?, ?>) doc).forEach((provider, models) -> ((Map<?, ?>) models).forEach((model, p) -> {
                Map<?, ?> price = (Map<?, ?>) p;
                list.add(new Price(provider.toString(), model.toString(),
                        ((Number) price.get("input")).doubleValue(), ((Number) price.get("output")).doubleValue()));
            }));
            return none().with(list);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED, e);
        }
    }

    /**
     * This table with more prices; a price for a provider and model already here replaces it.
     *
     * @param more the prices to add
     * @return a new table
     */
    public PriceTable with(Collection<Price> more) {
        Map<String, Price> all = new LinkedHashMap<>(prices);
        for (Price p : more) {
            all.put(p.provider() + '\u0000' + p.model(), p);
        }
        return new PriceTable(all);
    }

    /**
     * Every price, by provider then model.
     *
     * @return the prices
     */
    public List<Price> prices() {
        return prices.values().stream()
                .sorted(java.util.Comparator.comparing(Price::provider).thenComparing(Price::model)).toList();
    }

    /**
     * The price of a model.
     *
     * @param provider the provider id
     * @param model    the model as the request names it
     * @return its price, if the table has one
     */
    public Optional<Price> price(String provider, String model) {
        String p = provider.toLowerCase(Locale.ROOT);
        String m = model.strip().toLowerCase(Locale.ROOT);
        Price exact = prices.get(p + '\u0000' + m);
        if (exact != null) {
            return Optional.of(exact);
        }
        Price best = null;
        for (Price candidate : prices.values()) {
            if (candidate.provider().equals(p) && m.length() > candidate.model().length()
                    && m.startsWith(candidate.model()) && "-:@".indexOf(m.charAt(candidate.model().length())) >= 0
                    && (best == null || candidate.model().length() > best.model().length())) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best).or(() -> Optional.ofNullable(prices.get(p + '\u0000' + "*")));
    }

    /**
     * What tokens of a model cost.
     *
     * @param provider the provider id
     * @param model    the model
     * @param usage    the tokens
     * @return US dollars, or empty when the model has no price
     */
    public OptionalDouble cost(String provider, String model, TokenUsage usage) {
        return price(provider, model).map(price -> OptionalDouble.of(price.cost(usage))).orElse(OptionalDouble.empty());
    }
}
