package io.flowcraft.server.ops;

import io.flowcraft.engine.LogContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The server's log line formats ({@code flowcraft.log.format}): {@code text}, one readable line
 * per record, and {@code json}, one JSON object per line for log collectors. A line about a run
 * carries its execution id and node id (from {@link LogContext}): {@code [execution=… node=…]} in
 * text, {@code "executionId"} and {@code "nodeId"} in JSON. Thread-safe.
 */
public final class LogFormats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private LogFormats() {
    }

    /** How log lines look. */
    public enum Format {
        /** One readable line: time, level, logger, ids, message. */
        TEXT,
        /** One JSON object per line. */
        JSON;

        /**
         * Reads a format name.
         *
         * @param name {@code text} or {@code json}, any case
         * @return the format, or empty for another name
         */
        public static Optional<Format> of(String name) {
            return switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "text" -> Optional.of(TEXT);
                case "json" -> Optional.of(JSON);
                default -> Optional.empty();
            };
        }
    }

    /**
     * Makes every handler of the root logger write in the given format.
     *
     * @param format the format
     */
    public static void install(Format format) {
        Formatter formatter = formatter(format);
        for (Handler h : Logger.getLogger("").getHandlers()) {
            h.setFormatter(formatter);
        }
    }

    /**
     * A formatter for the given format.
     *
     * @param format the format
     * @return a JUL formatter
     */
    public static Formatter formatter(Format format) {
        return format == Format.JSON ? new JsonLines() : new Text();
    }

    private static String thrown(LogRecord r) {
        if (r.getThrown() == null) {
            return "";
        }
        StringWriter sw = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    /** {@code 2026-11-24T10:00:00.000 INFO [io.flowcraft.engine.Run] [execution=e1 node=n2] message}. */
    private static final class Text extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder(160).append(TIME.format(r.getInstant())).append(' ')
                    .append(String.format("%-7s", r.getLevel().getName())).append(" [").append(r.getLoggerName())
                    .append("] ");
            LogContext.current().ifPresent(ids -> {
                sb.append("[execution=").append(ids.executionId());
                ids.nodeId().ifPresent(n -> sb.append(" node=").append(n));
                sb.append("] ");
            });
            sb.append(formatMessage(r)).append(System.lineSeparator());
            String t = thrown(r);
            return t.isEmpty() ? sb.toString() : sb.append(t).toString();
        }
    }

    /** {@code {"time":…,"level":…,"logger":…,"thread":…,"executionId"?:…,"nodeId"?:…,"message":…,"error"?:…}}. */
    private static final class JsonLines extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder(200).append("{\"time\":\"").append(r.getInstant()).append('"');
            field(sb, "level", r.getLevel().getName());
            field(sb, "logger", r.getLoggerName());
            field(sb, "thread", Thread.currentThread().getName());
            LogContext.current().ifPresent(ids -> {
                field(sb, "executionId", ids.executionId());
                ids.nodeId().ifPresent(n -> field(sb, "nodeId", n));
            });
            field(sb, "message", formatMessage(r));
            String t = thrown(r);
            if (!t.isEmpty()) {
                field(sb, "error", t);
            }
            return sb.append('}').append('\n').toString();
        }

        private static void field(StringBuilder sb, String name, String value) {
            sb.append(",\"").append(name).append("\":\"");
            if (value == null) {
                value = "";
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
    }
}
