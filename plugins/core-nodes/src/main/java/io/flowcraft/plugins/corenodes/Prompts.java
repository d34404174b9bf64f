package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.LlmMessage;
import io.flowcraft.api.spi.MemoryMessage;
import io.flowcraft.api.spi.NodeContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
     * The inputs that are conversations, by label: a list of {@code {role, content}} objects, or an
     * object whose {@code messages} is one (what a {@code conversation_state} edge carries). A
     * message's speaker is its {@code person}, else the conversation's {@code person}, else unknown;
     * messages that name no node are attributed to {@code nodeId}.
     */
    static Map<String, List<MemoryMessage>> conversations(Map<String, Object> inputs, String nodeId) {
        Map<String, List<MemoryMessage>> out = new LinkedHashMap<>();
        inputs.forEach((label, value) -> {
            Object messages = value instanceof Map<?, ?> m && m.containsKey("messages") ? m.get("messages") : value;
            Object owner = value instanceof Map<?, ?> m ? m.get("person") : null;
            if (messages instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Prompts::isMessage)) {
                List<MemoryMessage> conversation = new ArrayList<>();
                for (Object o : list) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    Object node = m.get("node_id") != null ? m.get("node_id") : m.get("nodeId");
                    Object person = m.get("person") instanceof String p ? p : owner instanceof String p ? p : "";
                    int iteration = m.get("iteration") instanceof Number n ? n.intValue() : 0;
                    Object content = m.get("content");
                    conversation.add(new MemoryMessage(m.get("role").toString(),
                            content instanceof String text ? text : Json.write(content),
                            node == null ? nodeId : node.toString(), iteration, person.toString()));
                }
                out.put(label, List.copyOf(conversation));
            }
        });
        return out;
    }

    /**
     * The inputs as the prompt uses them: each handed-on conversation stands for its last answer
     * (its last {@code assistant} message, else its last message), which fills a {@code {{label}}}
     * placeholder or is appended like any text input.
     */
    static Map<String, Object> spoken(Map<String, Object> inputs, Map<String, List<MemoryMessage>> conversations) {
        if (conversations.isEmpty()) {
            return inputs;
        }
        Map<String, Object> out = new LinkedHashMap<>(inputs);
        conversations.forEach((label, messages) -> out.put(label, messages.stream()
                .filter(m -> m.role().equals("assistant")).reduce((a, b) -> b)
                .orElse(messages.getLast()).content()));
        return out;
    }

    /**
     * What {@code person} is shown of the messages it sees: its own turns (and messages of no known
     * speaker) as they were said; another person's answers as {@code user} messages that name the
     * speaker ({@code Optimist: ...}); what another person was told is left out, being addressed to
     * someone else.
     */
    static List<LlmMessage> view(List<MemoryMessage> seen, String person) {
        List<LlmMessage> out = new ArrayList<>();
        for (MemoryMessage m : seen) {
            if (m.person().isEmpty() || m.person().equals(person)) {
                out.add(m.toLlm());
            } else if (m.role().equals("assistant")) {
                out.add(new LlmMessage("user", m.person() + ": " + m.content()));
            }
        }
        return out;
    }

    /** A conversation as JSON: {@code [{role, content, node_id, iteration, person}]}. */
    static List<Map<String, Object>> toJson(List<MemoryMessage> conversation) {
        return conversation.stream().map(m -> Map.<String, Object>of("role", m.role(), "content", m.content(),
                "node_id", m.nodeId(), "iteration", m.iteration(), "person", m.person())).toList();
    }

    private static boolean isMessage(Object o) {
        return o instanceof Map<?, ?> m && m.get("role") instanceof String && m.get("content") != null;
    }
}
