package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.MemoryMessage;
import io.flowcraft.api.spi.NodeContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds a person's prompt from a node's fields and inputs, and reads handed-on conversations. Stateless. */
final class Prompts {
    private Prompts() {
    }

    /**
     * The prompt template for this run: {@code first_only_prompt} on the node's first run when it
     * is set, else {@code default_prompt}.
     */
    static String template(NodeContext context) {
        Optional<String> first = Fields.string(context.data(), "first_only_prompt");
        if (context.iteration() == 0 && first.isPresent()) {
            return first.get();
        }
        return Fields.string(context.data(), "default_prompt").or(() -> first)
                .orElseThrow(() -> new NodeFailure("the " + context.nodeType()
                        + " node has no prompt: set default_prompt (or first_only_prompt)"));
    }

    /**
     * Fills the template's placeholders, then appends each text input that no placeholder used and
     * that is not in {@code skip} as context: a blank line, {@code label:} for a labelled input,
     * and the text. Non-text inputs without a placeholder (a start node's variables, a handed-on
     * conversation) are not appended.
     */
    static String render(String template, Map<String, Object> inputs, Map<String, Object> variables, Set<String> skip) {
        StringBuilder prompt = new StringBuilder(Values.fill(template, inputs, variables));
        Set<String> used = Values.placeholderRoots(template);
        inputs.forEach((label, value) -> {
            if (!used.contains(label) && !skip.contains(label) && value instanceof String text && !text.isBlank()) {
                prompt.append("\n\n").append(label.equals("default") ? "" : label + ":\n").append(text.strip());
            }
        });
        return prompt.toString();
    }

    /**
     * The labels of the text inputs whose text the person already sees in {@code seen} (its own
     * answer handed back to it around a loop): repeating them in the prompt would say it twice.
     */
    static Set<String> remembered(Map<String, Object> inputs, List<MemoryMessage> seen) {
        Set<String> said = new HashSet<>();
        seen.forEach(m -> said.add(m.content().strip()));
        Set<String> labels = new HashSet<>();
        inputs.forEach((label, value) -> {
            if (value instanceof String text && said.contains(text.strip())) {
                labels.add(label);
            }
        });
        return labels;
    }

    /**
     * The first input that is a conversation: a list of {@code {role, content}} objects, or an
     * object whose {@code messages} is one (DiPeO's conversation_state shape). Messages that name
     * no node are attributed to {@code nodeId}.
     */
    static Optional<List<MemoryMessage>> conversation(Map<String, Object> inputs, String nodeId) {
        for (Object value : inputs.values()) {
            Object messages = value instanceof Map<?, ?> m && m.containsKey("messages") ? m.get("messages") : value;
            if (messages instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Prompts::isMessage)) {
                List<MemoryMessage> out = new ArrayList<>();
                for (Object o : list) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    Object node = m.get("node_id") != null ? m.get("node_id") : m.get("nodeId");
                    int iteration = m.get("iteration") instanceof Number n ? n.intValue() : 0;
                    out.add(new MemoryMessage(m.get("role").toString(), m.get("content").toString(),
                            node == null ? nodeId : node.toString(), iteration));
                }
                return Optional.of(List.copyOf(out));
            }
        }
        return Optional.empty();
    }

    /** A conversation as JSON: {@code [{role, content, node_id, iteration}]}. */
    static List<Map<String, Object>> toJson(List<MemoryMessage> conversation) {
        return conversation.stream().map(m -> Map.<String, Object>of("role", m.role(), "content", m.content(),
                "node_id", m.nodeId(), "iteration", m.iteration())).toList();
    }

    private static boolean isMessage(Object o) {
        return o instanceof Map<?, ?> m && m.get("role") instanceof String && m.get("content") != null;
    }
}
