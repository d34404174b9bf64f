package io.flowcraft.plugins.notion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The blocks a write operation sends: the {@code blocks} field (a list of Notion block objects, or an
 * object with {@code children}), else the {@code content} field or input, else the default input. Text
 * becomes paragraph blocks; a list of objects is taken as blocks; an object with {@code text} uses that
 * text; any other value is written as JSON text.
 */
final class Content {
    private Content() {
    }

    static List<Map<String, Object>> blocks(Inputs in, String operation) {
        var explicit = in.json("blocks");
        if (explicit.isPresent()) {
            Object value = explicit.get() instanceof Map<?, ?> m && m.containsKey("children") ? m.get("children")
                    : explicit.get();
            return asBlocks(value, operation).orElseThrow(() -> new NotionFailure("notion " + operation
                    + ": blocks must be a list of Notion block objects"));
        }
        var value = in.value("content").or(in::defaultInput);
        if (value.isEmpty()) {
            return List.of();
        }
        return asBlocks(value.get(), operation).orElseGet(() -> Blocks.paragraphs(text(value.get())));
    }

    @SuppressWarnings("unchecked")
    private static Optional<List<Map<String, Object>>> asBlocks(Object value, String operation) {
        if (!(value instanceof List<?> list) || list.isEmpty() || !(list.getFirst() instanceof Map<?, ?>)) {
            return Optional.empty();
        }
        List<Map<String, Object>> blocks = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> block) || !block.containsKey("type")) {
                throw new NotionFailure("notion " + operation + ": every block needs a type (paragraph, heading_1, …)");
            }
            blocks.add((Map<String, Object>) Json.normalize(block));
        }
        return Optional.of(blocks);
    }

    private static String text(Object value) {
        return switch (value) {
            case String s -> s;
            case Map<?, ?> m when m.get("text") instanceof String s -> s;
            default -> Json.write(value);
        };
    }
}
