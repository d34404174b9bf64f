package io.flowcraft.cli;

import io.flowcraft.api.Graph;
import io.flowcraft.engine.DiagramDocuments.Syntax;
import io.flowcraft.graph.GraphCodec;
import io.flowcraft.graph.Json;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A graph as the text of a native Flowcraft document ({@code nodes}, {@code edges}, then the
 * diagram's other fields such as {@code persons}), in the graph module's JSON shape: indented
 * JSON, or block-style YAML with multi-line strings (prompts, code) as literal blocks. Either
 * reads back into the same graph. Stateless.
 */
final class GraphText {
    private static final String INDENT = "  ";

    private GraphText() {
    }

    /**
     * Writes a graph.
     *
     * @param graph  the graph
     * @param syntax JSON or YAML
     * @param json   the JSON codec
     * @return the document text, ending with a line break
     */
    static String write(Graph graph, Syntax syntax, Json json) {
        Object document = json.parse(GraphCodec.create(json).encode(graph));
        if (syntax == Syntax.YAML) {
            return yaml().dump(document);
        }
        StringBuilder out = new StringBuilder();
        indented(document, "", out, json);
        return out.append('\n').toString();
    }

    /** Objects and arrays one member per line; scalars, empty objects and empty arrays as compact JSON. */
    private static void indented(Object value, String indent, StringBuilder out, Json json) {
        String inner = indent + INDENT;
        switch (value) {
            case Map<?, ?> m when !m.isEmpty() -> {
                out.append("{");
                String sep = "\n";
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.append(sep).append(inner).append(json.write(String.valueOf(e.getKey()))).append(": ");
                    indented(e.getValue(), inner, out, json);
                    sep = ",\n";
                }
                out.append('\n').append(indent).append('}');
            }
            case List<?> l when !l.isEmpty() -> {
                out.append("[");
                String sep = "\n";
                for (Object element : l) {
                    out.append(sep).append(inner);
                    indented(element, inner, out, json);
                    sep = ",\n";
                }
                out.append('\n').append(indent).append(']');
            }
            case null, default -> out.append(json.write(value));
        }
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(120);
        options.setSplitLines(false);
        return new Yaml(new BlockStrings(options), options);
    }

    /** Multi-line strings as literal blocks ({@code |}), which keep prompts and code readable. */
    private static final class BlockStrings extends Representer {
        BlockStrings(DumperOptions options) {
            super(options);
            this.representers.put(String.class, data -> {
                String s = (String) data;
                return representScalar(Tag.STR, s, s.indexOf('\n') >= 0 ? DumperOptions.ScalarStyle.LITERAL
                        : DumperOptions.ScalarStyle.PLAIN);
            });
            this.representers.put(BigDecimal.class, data -> representScalar(Tag.FLOAT, data.toString()));
        }
    }
}
