package io.flowcraft.cli;

import io.flowcraft.engine.DiagramDocuments;
import io.flowcraft.engine.ExecutorRegistry;
import io.flowcraft.plugins.PluginHost;
import io.flowcraft.plugins.PluginHostConfig;
import io.flowcraft.plugins.PluginInfo;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The plugins directory of a command: where it is, loading it, and what the loaded node types say
 * about a diagram that nothing else reports (jars that did not load, properties no field uses).
 */
final class Plugins {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private Plugins() {
    }

    /**
     * The plugins directory: {@code --plugins-dir} against the working directory; else
     * {@code plugins/} beside the {@code lib/} this program was started from; else
     * {@code ./data/plugins}.
     *
     * @param option     the {@code --plugins-dir} option, if given
     * @param workingDir the working directory
     * @return the directory (which may not exist)
     */
    static Path dir(Optional<Path> option, Path workingDir) {
        return option.map(workingDir::resolve).orElseGet(() -> distribution().orElse(workingDir.resolve("data").resolve("plugins")));
    }

    private static Optional<Path> distribution() {
        try {
            var source = Plugins.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path lib = Path.of(source.getLocation().toURI()).getParent();
                if (lib != null && lib.getFileName() != null && lib.getFileName().toString().equals("lib")
                        && lib.getParent() != null && Files.isDirectory(lib.getParent().resolve("plugins"))) {
                    return Optional.of(lib.getParent().resolve("plugins"));
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // not started from a jar in a distribution
        }
        return Optional.empty();
    }

    /**
     * Loads every jar of a directory (no watching) and warns about each that did not load.
     *
     * @param dir the plugins directory
     * @param err where warnings go
     * @return the started host; the caller closes it
     */
    static PluginHost start(Path dir, PrintStream err) {
        PluginHost host = PluginHost.start(new PluginHostConfig(dir, false, CALL_TIMEOUT));
        for (PluginInfo p : host.plugins()) {
            p.failure().ifPresent(reason -> err.println("warning: plugin " + p.jar() + " did not load: " + reason));
        }
        return host;
    }

    /**
     * Warns about each construct of a light diagram that nothing would use, by name
     * ({@link DiagramDocuments#unusedConstructs}).
     *
     * @param file     the diagram file, as the user named it
     * @param loaded   the diagram read from it
     * @param registry the node executors
     * @param err      where warnings go
     */
    static void warnUnused(String file, DiagramFiles.Ok loaded, ExecutorRegistry registry, PrintStream err) {
        if (loaded.light()) {
            DiagramDocuments.unusedConstructs(loaded.graph(), registry)
                    .forEach(p -> err.println("warning: " + file + ": " + DiagramFiles.describe(p)));
        }
    }
}
