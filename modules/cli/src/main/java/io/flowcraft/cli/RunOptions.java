package io.flowcraft.cli;

import io.flowcraft.graph.Json;
import io.flowcraft.graph.JsonException;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of {@code flowcraft run}.
 *
 * @param diagram    the diagram file, as given
 * @param inputs     the run's inputs ({@code --input key=value})
 * @param timeout    the whole run's time limit ({@code --timeout})
 * @param pluginsDir the plugins directory ({@code --plugins-dir}), if given
 * @param json       whether every event is printed as a JSON line ({@code --json})
 */
record RunOptions(String diagram, Map<String, Object> inputs, Optional<Duration> timeout, Optional<Path> pluginsDir,
                  boolean json) {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    /** What the command line asked for. */
    sealed interface Parsed {
    }

    /** Run with these options. */
    record Run(RunOptions options) implements Parsed {
    }

    /** Show the help. */
    record Help() implements Parsed {
    }

    /**
     * The command line is wrong.
     *
     * @param problems every mistake, each a sentence
     */
    record Usage(List<String> problems) implements Parsed {
    }

    /**
     * Reads the arguments after {@code run}.
     *
     * @param args the arguments
     * @param json the JSON codec, for input values
     * @return what they ask for
     */
    static Parsed parse(List<String> args, Json json) {
        List<String> problems = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        Optional<Duration> timeout = Optional.empty();
        Optional<Path> pluginsDir = Optional.empty();
        boolean asJson = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h", "--help" -> {
                    return new Help();
                }
                case "--json" -> asJson = true;
                case "-i", "--input", "-t", "--timeout", "--plugins-dir" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            problems.add(name + " needs a value");
                            continue;
                        }
                        value = args.get(++i);
                    }
                    switch (name) {
                        case "-i", "--input" -> input(value, json, inputs, problems);
                        case "-t", "--timeout" -> timeout = duration(value, problems);
                        default -> pluginsDir = Optional.of(Path.of(value));
                    }
                }
                case "--" -> {
                    positional.addAll(args.subList(i + 1, args.size()));
                    i = args.size();
                }
                default -> {
                    if (arg.startsWith("-") && arg.length() > 1) {
                        problems.add("unknown option " + arg);
                    } else {
                        positional.add(arg);
                    }
                }
            }
        }
        if (positional.isEmpty()) {
            problems.add("name the diagram file to run (.json, .yaml or .yml)");
        } else if (positional.size() > 1) {
            problems.add("one diagram file at a time; got " + String.join(", ", positional));
        }
        if (!problems.isEmpty()) {
            return new Usage(problems);
        }
        return new Run(new RunOptions(positional.getFirst(), inputs, timeout, pluginsDir, asJson));
    }

    private static void input(String text, Json json, Map<String, Object> inputs, List<String> problems) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            problems.add("--input takes key=value, got '" + text + "'");
            return;
        }
        String raw = text.substring(eq + 1);
        Object value;
        try {
            value = raw.isBlank() ? raw : json.parse(raw);
        } catch (JsonException notJson) {
            value = raw;
        }
        inputs.put(text.substring(0, eq), value);
    }

    /**
     * Reads a duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or a number of seconds.
     *
     * @param text     the text
     * @param problems where a mistake is reported
     * @return the duration, if valid and positive
     */
    static Optional<Duration> duration(String text, List<String> problems) {
        Matcher m = DURATION.matcher(text.strip());
        if (m.matches()) {
            BigDecimal amount = new BigDecimal(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            BigDecimal millis = amount.multiply(BigDecimal.valueOf(switch (unit) {
                case "ms" -> 1L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                default -> 1_000L;
            }));
            if (millis.signum() > 0 && millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000)) < 0) {
                return Optional.of(Duration.ofMillis(Math.max(1, millis.longValue())));
            }
        }
        problems.add("--timeout takes a positive duration such as 500ms, 30s, 5m, 1h or a number of seconds; got '"
                + text + "'");
        return Optional.empty();
    }
}
