package io.flowcraft.engine;

import io.flowcraft.graph.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SnakeYAML's safe constructor with JSON's limits on numbers ({@link Json#MAX_NUMBER_DIGITS}): an
 * integer or float literal that is too long, too large for a {@link BigDecimal} to be cheap, or a
 * float that overflows to infinity (other than the explicit {@code .inf}) is refused with the
 * same "number too large" message {@link Json#parse(String)} gives, before a huge value is built.
 * SnakeYAML reads a plain scalar too long to resolve as a number as text; such a scalar that looks
 * like a decimal number is refused the same way, so a huge number is never imported as a string.
 * One instance per load; not thread-safe (as SnakeYAML's constructors).
 */
final class YamlNumbers extends SafeConstructor {
    /** A plain decimal number, as YAML 1.1 writes integers and floats (underscores allowed). */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?");

    /**
     * Creates the constructor.
     *
     * @param options the loader options
     */
    YamlNumbers(LoaderOptions options) {
        super(options);
        yamlConstructors.put(Tag.INT, bounded(yamlConstructors.get(Tag.INT)));
        yamlConstructors.put(Tag.FLOAT, bounded(yamlConstructors.get(Tag.FLOAT)));
        Construct text = yamlConstructors.get(Tag.STR);
        yamlConstructors.put(Tag.STR, new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
                if (node instanceof ScalarNode s && s.isPlain() && s.getValue().length() > Json.MAX_NUMBER_DIGITS
                        && DECIMAL.matcher(s.getValue()).matches()) {
                    throw tooLong(node, s.getValue().length());
                }
                return text.construct(node);
            }
        });
    }

    private static Construct bounded(Construct plain) {
        return new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
                String text = node instanceof ScalarNode s ? s.getValue() : "";
                if (text.length() > Json.MAX_NUMBER_DIGITS) {
                    throw tooLong(node, text.length());
                }
                Object value = plain.construct(node);
                Optional<String> problem = switch (value) {
                    case Double d when d.isInfinite() && !text.toLowerCase(java.util.Locale.ROOT).contains("inf") ->
                            Optional.of("number too large: beyond the largest float (about 1.8e308)");
                    case BigInteger bi -> Json.tooLarge(new BigDecimal(bi));
                    default -> Optional.empty();
                };
                if (problem.isPresent()) {
                    throw tooLarge(node, problem.get());
                }
                return value;
            }
        };
    }

    private static YAMLException tooLong(Node node, int length) {
        return tooLarge(node, "number too large: " + length + " characters; numbers are limited to "
                + Json.MAX_NUMBER_DIGITS + " digits");
    }

    private static YAMLException tooLarge(Node node, String message) {
        Mark at = node.getStartMark();
        return new YAMLException(message + (at == null ? "" : " (line " + (at.getLine() + 1) + ", column "
                + (at.getColumn() + 1) + ")"));
    }
}
