package io.flowcraft.plugins.notion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between text and Notion's block and rich-text objects (API version 2022-06-28). Stateless. */
final class Blocks {
    /** Notion refuses a rich-text {@code text.content} longer than this. */
    static final int MAX_TEXT = 2000;
    /** Notion refuses more rich-text elements than this in one array. */
    static final int MAX_RICH_TEXT = 100;

    private Blocks() {
    }

    /**
     * Paragraph blocks for text: one per paragraph (separated by blank lines), each paragraph's text
     * cut into rich-text pieces Notion accepts.
     */
    static List<Map<String, Object>> paragraphs(String text) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        for (String paragraph : text.strip().split("\\R\\s*\\R")) {
            List<Map<String, Object>> pieces = richText(paragraph.strip());
            for (int i = 0; i < pieces.size(); i += MAX_RICH_TEXT) {
                blocks.add(Map.of("object", "block", "type", "paragraph",
                        "paragraph", Map.of("rich_text", pieces.subList(i, Math.min(pieces.size(), i + MAX_RICH_TEXT)))));
            }
        }
        return blocks;
    }

    /** Plain text as rich-text objects of at most {@link #MAX_TEXT} characters each. */
    static List<Map<String, Object>> richText(String text) {
        List<Map<String, Object>> pieces = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int end = Math.min(text.length(), i + MAX_TEXT);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            pieces.add(Map.of("type", "text", "text", Map.of("content", text.substring(i, end))));
            i = end;
        }
        return pieces;
    }

    /** A page's title property value: {@code {title: [rich text]}}. */
    static Map<String, Object> titleProperty(String title) {
        return Map.of("title", richText(title));
    }

    /** The plain text of rich-text objects, from their {@code plain_text} (or {@code text.content}). */
    static String plain(List<Object> richText) {
        StringBuilder out = new StringBuilder();
        for (Object piece : richText) {
            if (piece instanceof Map<?, ?> m) {
                Object plain = m.get("plain_text");
                if (plain == null && m.get("text") instanceof Map<?, ?> t) {
                    plain = t.get("content");
                }
                out.append(plain == null ? "" : plain);
            }
        }
        return out.toString();
    }

    /**
     * One block as a line of text: headings get {@code #}, list items {@code -} or {@code 1.}, to-dos
     * {@code [ ]}/{@code [x]}, code is fenced, child pages show their title; blocks without text
     * (dividers, images, …) are empty.
     */
    static String line(Map<String, Object> block) {
        String type = String.valueOf(block.get("type"));
        Map<String, Object> body = Json.object(block, type);
        String text = plain(Json.list(body, "rich_text"));
        return switch (type) {
            case "heading_1" -> "# " + text;
            case "heading_2" -> "## " + text;
            case "heading_3" -> "### " + text;
            case "bulleted_list_item", "toggle" -> "- " + text;
            case "numbered_list_item" -> "1. " + text;
            case "to_do" -> (Boolean.TRUE.equals(body.get("checked")) ? "[x] " : "[ ] ") + text;
            case "quote" -> "> " + text;
            case "code" -> "```" + body.getOrDefault("language", "") + "\n" + text + "\n```";
            case "child_page", "child_database" -> String.valueOf(body.getOrDefault("title", ""));
            case "equation" -> String.valueOf(body.getOrDefault("expression", ""));
            default -> text;
        };
    }

    /** The text of blocks, one line per block with text. */
    static String text(List<Map<String, Object>> blocks) {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> block : blocks) {
            String line = line(block);
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return String.join("\n", lines);
    }

    /** A page's title: the plain text of its property of type {@code title}, else empty. */
    static String title(Map<String, Object> page) {
        for (Object value : Json.object(page, "properties").values()) {
            if (value instanceof Map<?, ?> property && "title".equals(property.get("type"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> p = (Map<String, Object>) property;
                return plain(Json.list(p, "title"));
            }
        }
        return "";
    }

    /** A shallow copy that keeps only the keys a caller relies on. */
    static Map<String, Object> pick(Map<String, Object> object, String... keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : keys) {
            if (object.containsKey(key)) {
                out.put(key, object.get(key));
            }
        }
        return out;
    }
}
