package io.flowcraft.llm.support;

import java.util.Map;
import java.util.Optional;

/** The human message in a service's error body ({@code error.message}, …). Stateless. */
final class ServiceMessage {
    private static final int MAX = 500;

    private ServiceMessage() {
    }

    static String of(String body) {
        return of(body, Redactor.NONE);
    }

    /**
     * The message of a service's answer, without the key, cut to {@value #MAX} characters: the key
     * goes before the cut, so that no part of it survives one.
     */
    static String of(String body, Redactor redactor) {
        String text = redactor.redact(body.strip());
        Optional<Map<String, Object>> json = Json.readObject(text);
        if (json.isPresent()) {
            Map<String, Object> object = json.get();
            Optional<String> message = Json.string(object, "error", "message")
                    .or(() -> Json.string(object, "error"))
                    .or(() -> Json.string(object, "message"))
                    .or(() -> Json.string(object, "detail"))
                    .or(() -> Json.string(object, 0, "error", "message"));
            if (message.isPresent()) {
                text = redactor.redact(message.get());
            }
        } else if (text.startsWith("[")) {
            // Gemini sometimes wraps its error object in a list
            Optional<String> message = Json.readObject(text.substring(1, Math.max(1, text.lastIndexOf(']'))))
                    .flatMap(o -> Json.string(o, "error", "message"));
            if (message.isPresent()) {
                text = redactor.redact(message.get());
            }
        }
        return text.length() > MAX ? text.substring(0, MAX) + "…" : text;
    }
}
