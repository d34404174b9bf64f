package io.flowcraft.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Makes variants of a real plugin jar: other manifest entries, or another extension index. */
final class PluginJars {
    private PluginJars() {
    }

    /**
     * Copies {@code source} to {@code target}, changing manifest attributes (a {@code null} value
     * removes one) and, if {@code extensionsIdx} is not null, replacing {@code META-INF/extensions.idx}.
     */
    static Path variant(Path source, Path target, Map<String, String> manifest, String extensionsIdx) throws IOException {
        try (JarFile in = new JarFile(source.toFile())) {
            Manifest m = new Manifest(in.getManifest());
            Attributes main = m.getMainAttributes();
            manifest.forEach((k, v) -> {
                if (v == null) {
                    main.remove(new Attributes.Name(k));
                } else {
                    main.putValue(k, v);
                }
            });
            Path tmp = Files.createTempFile(target.getParent().getParent(), "variant", ".tmp");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp), m)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (e.getName().equals("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    if (extensionsIdx != null && e.getName().equals("META-INF/extensions.idx")) {
                        out.write(extensionsIdx.getBytes(StandardCharsets.UTF_8));
                    } else {
                        try (InputStream is = in.getInputStream(e)) {
                            is.transferTo(out);
                        }
                    }
                    out.closeEntry();
                }
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }
}
