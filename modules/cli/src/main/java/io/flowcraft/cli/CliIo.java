package io.flowcraft.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a command reads and writes: the process's streams and environment in {@link Main#main},
 * captured streams and a map of variables in tests.
 *
 * @param in          where answers to questions come from
 * @param out         progress, outputs and (with {@code --json}) the events
 * @param err         problems and warnings
 * @param terminal    whether {@code out} is an interactive terminal (a live progress line is drawn)
 * @param columns     the terminal's width, for the live line
 * @param workingDir  the current directory: relative paths and file-based nodes resolve against it
 * @param environment the environment variables the run's services read ({@code OPENAI_API_KEY},
 *                    {@code OPENAI_BASE_URL}, {@code FLOWCRAFT_SECRETS_*}, …)
 */
record CliIo(InputStream in, PrintStream out, PrintStream err, boolean terminal, int columns, Path workingDir,
             Map<String, String> environment) {
    CliIo {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(workingDir, "workingDir");
        environment = Map.copyOf(environment);
        columns = columns < 20 ? 80 : columns;
    }

    /**
     * An environment variable.
     *
     * @param name its name
     * @return its value, if set
     */
    Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name));
    }
}
