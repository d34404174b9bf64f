package io.flowcraft.cli;

import io.flowcraft.api.protocol.Problem;
import io.flowcraft.engine.Engine;
import io.flowcraft.engine.EngineConfig;
import io.flowcraft.engine.ExecutionStore;
import io.flowcraft.graph.Json;
import io.flowcraft.plugins.PluginHost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code flowcraft convert}: reads a diagram file (DiPeO light, or a Flowcraft graph in JSON or
 * YAML) and writes it as a native Flowcraft graph document, which {@code flowcraft run} and the
 * editor's import read. When a plugins directory exists, the diagram is checked against its node
 * types first, like {@code flowcraft run} would: an invalid diagram is not written (exit 2, every
 * problem on standard error), and properties nothing uses are warnings.
 */
final class ConvertCommand {
    private final CliIo io;
    private final Json json;

    ConvertCommand(CliIo io, Json json) {
        this.io = io;
        this.json = json;
    }

    int run(ConvertOptions options) {
        DiagramFiles.Ok loaded;
        switch (DiagramFiles.load(io.workingDir().resolve(options.input()))) {
            case DiagramFiles.Bad bad -> {
                bad.problems().forEach(io.err()::println);
                return RunCommand.INVALID;
            }
            case DiagramFiles.Ok ok -> loaded = ok;
        }
        Path pluginsDir = Plugins.dir(options.pluginsDir(), io.workingDir());
        if (Files.isDirectory(pluginsDir)) {
            List<Problem> problems = check(loaded, options.input(), pluginsDir);
            if (!problems.isEmpty()) {
                problems.forEach(p -> io.err().println(options.input() + ": " + DiagramFiles.describe(p)));
                return RunCommand.INVALID;
            }
        } else {
            io.err().println("warning: no plugins directory at " + pluginsDir + ": node types, handles and fields were"
                    + " not checked (name one with --plugins-dir DIR)");
        }
        String text = GraphText.write(loaded.graph(), options.format(), json);
        if (options.output().isEmpty()) {
            io.out().print(text);
            io.out().flush();
            return RunCommand.COMPLETED;
        }
        Path out = io.workingDir().resolve(options.output().get());
        try {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, text);
        } catch (IOException e) {
            io.err().println(out + ": cannot be written (" + e.getMessage() + ")");
            return RunCommand.FAILED;
        }
        return RunCommand.COMPLETED;
    }

    /** What keeps the diagram from running with these plugins; warns about what nothing uses. */
    private List<Problem> check(DiagramFiles.Ok loaded, String file, Path pluginsDir) {
        try (PluginHost host = Plugins.start(pluginsDir, io.err());
             Engine engine = new Engine(EngineConfig.defaults(io.workingDir()), host::nodeExecutor,
                     ExecutionStore.inMemory())) {
            Plugins.warnUnused(file, loaded, host::nodeExecutor, io.err());
            return engine.validate(loaded.graph());
        }
    }
}
