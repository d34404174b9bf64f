package io.flowcraft.plugins.internal;

import org.pf4j.DependencyResolver;
import org.pf4j.PluginAlreadyLoadedException;
import org.pf4j.PluginRuntimeException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Turns PF4J's exceptions about a jar into a reason an operator can act on, by looking at the jar
 * itself: unreadable, no manifest, a missing {@code Plugin-*} entry, missing dependencies.
 */
final class JarDiagnosis {
    private JarDiagnosis() {
    }

    /** The manifest's {@code Plugin-Id}, if the jar and the entry can be read. */
    static Optional<String> pluginId(Path jar) {
        return entry(jar, "Plugin-Id");
    }

    /** The manifest's {@code Plugin-Version}, or {@code ""}. */
    static String version(Path jar) {
        return entry(jar, "Plugin-Version").orElse("");
    }

    /**
     * Why the jar could not be loaded.
     *
     * @param jar the jar
     * @param e   what PF4J threw
     * @return a phrase such as {@code its manifest has no Plugin-Id entry}
     */
    static String explain(Path jar, Throwable e) {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException | SecurityException io) {
            return "it is not a readable jar (" + reason(io) + ")";
        }
        if (manifest == null) {
            return "it has no META-INF/MANIFEST.MF (PF4J reads Plugin-Id and Plugin-Version from it)";
        }
        Attributes main = manifest.getMainAttributes();
        for (String required : new String[] {"Plugin-Id", "Plugin-Version"}) {
            String value = main.getValue(required);
            if (value == null || value.isBlank()) {
                return "its manifest has no " + required + " entry";
            }
        }
        return switch (e) {
            case DependencyResolver.DependenciesNotFoundException d -> "plugins it depends on are missing: "
                    + String.join(", ", d.getDependencies()) + " (Plugin-Dependencies: "
                    + main.getValue("Plugin-Dependencies") + ")";
            case PluginAlreadyLoadedException a -> "another jar already provides plugin '"
                    + main.getValue("Plugin-Id") + "'";
            default -> reason(e);
        };
    }

    /**
     * A one-line reason: the exception's message, and its root cause's when that says more.
     *
     * @param e the exception
     * @return the reason
     */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = describe(e);
        String deep = describe(root);
        return root == e || top.contains(root.getMessage() == null ? deep : root.getMessage()) ? top
                : top + " (" + deep + ")";
    }

    /** PF4J's messages are sentences; the JDK's often just a class name: say what was thrown. */
    private static String describe(Throwable e) {
        if (e instanceof PluginRuntimeException && e.getMessage() != null) {
            return e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static Optional<String> entry(Path jar, String name) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest m = file.getManifest();
            return Optional.ofNullable(m == null ? null : m.getMainAttributes().getValue(name))
                    .map(String::strip).filter(v -> !v.isEmpty());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
