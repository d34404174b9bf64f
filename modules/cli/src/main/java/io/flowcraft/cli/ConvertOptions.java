package io.flowcraft.cli;

import io.flowcraft.engine.DiagramDocuments.Syntax;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The options of {@code flowcraft convert}.
 *
 * @param input      the diagram file to convert, as given
 * @param output     where the graph goes ({@code -o}); standard output when empty
 * @param format     the output syntax: {@code --to}, else from the output file's extension, else JSON
 * @param pluginsDir the plugins directory ({@code --plugins-dir}), if given
 */
record ConvertOptions(String input, Optional<Path> output, Syntax format, Optional<Path> pluginsDir) {

    /** What the command line asked for. */
    sealed interface Parsed {
    }

    /** Convert with these options. */
    record Convert(ConvertOptions options) implements Parsed {
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
     * Reads the arguments after {@code convert}.
     *
     * @param args the arguments
     * @return what they ask for
     */
    static Parsed parse(List<String> args) {
        List<String> problems = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        Optional<Path> output = Optional.empty();
        Optional<Syntax> to = Optional.empty();
        Optional<Path> pluginsDir = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            switch (name) {
                case "-h", "--help" -> {
                    return new Help();
                }
                case "-o", "--output", "--to", "--plugins-dir" -> {
                    Optional<String> value = name.equals(arg) ? (i + 1 < args.size() ? Optional.of(args.get(++i))
                            : Optional.empty()) : Optional.of(arg.substring(eq + 1));
                    if (value.isEmpty()) {
                        problems.add(name + " needs a value");
                    } else if (name.equals("--to")) {
                        to = format(value.get(), problems);
                    } else if (name.equals("--plugins-dir")) {
                        pluginsDir = Optional.of(Path.of(value.get()));
                    } else {
                        output = Optional.of(Path.of(value.get()));
                    }
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
        if (positional.size() != 1) {
            problems.add(positional.isEmpty() ? "name the diagram file to convert (.json, .yaml or .yml)"
                    : "one diagram file at a time; got " + String.join(", ", positional));
        }
        if (!problems.isEmpty()) {
            return new Usage(problems);
        }
        Optional<Path> out = output;
        Syntax format = to.or(() -> out.map(Path::getFileName).flatMap(f -> Syntax.ofFileName(f.toString())))
                .orElse(Syntax.JSON);
        return new Convert(new ConvertOptions(positional.getFirst(), out, format, pluginsDir));
    }

    private static Optional<Syntax> format(String text, List<String> problems) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> Optional.of(Syntax.JSON);
            case "yaml", "yml" -> Optional.of(Syntax.YAML);
            default -> {
                problems.add("--to takes json or yaml, got '" + text + "'");
                yield Optional.empty();
            }
        };
    }
}
