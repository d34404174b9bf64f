package io.flowcraft.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a command reads and writes: the process's streams in {@link Main#main}, captured ones in
 * tests.
 *
 * @param in         where answers to questions come from
 * @param out        progress, outputs and (with {@code --json}) the events
 * @param err        problems and warnings
 * @param terminal   whether {@code out} is an interactive terminal (a live progress line is drawn)
 * @param columns    the terminal's width, for the live line
 * @param workingDir the current directory: relative paths and file-based nodes resolve against it
 */
record CliIo(InputStream in, PrintStream out, PrintStream err, boolean terminal, int columns, Path workingDir) {
    CliIo {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(workingDir, "workingDir");
        columns = columns < 20 ? 80 : columns;
    }
}
