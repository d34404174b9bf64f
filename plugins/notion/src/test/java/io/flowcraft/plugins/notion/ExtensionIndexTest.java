package io.flowcraft.plugins.notion;

import io.flowcraft.api.spi.FieldSpec;
import io.flowcraft.api.spi.FieldType;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import org.junit.jupiter.api.Test;
import org.pf4j.Extension;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PF4J finds extensions only through META-INF/extensions.idx, written by its annotation processor. */
class ExtensionIndexTest {
    @Test
    void theAnnotationProcessorIndexedTheExecutor() throws Exception {
        URL classes = Notion.class.getProtectionDomain().getCodeSource().getLocation();
        URL index = null;
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            if (url.toString().startsWith(classes.toString())) {
                index = url;
            }
        }
        assertNotNull(index, "no META-INF/extensions.idx under " + classes
                + ": was PF4J's annotation processor run (annotationProcessorPaths)?");
        Set<String> listed = new HashSet<>();
        for (String line : read(index)) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                listed.add(entry);
            }
        }
        assertEquals(Set.of(Notion.class.getName()), listed);
    }

    @Test
    void theExecutorIsALoadableExtensionThatDescribesItself() throws Exception {
        assertNotNull(Notion.class.getAnnotation(Extension.class));
        assertTrue(Modifier.isPublic(Notion.class.getModifiers()));
        NodeExecutor executor = Notion.class.getConstructor().newInstance();
        NodeDescriptor descriptor = executor.descriptor();
        assertEquals("notion", descriptor.type());
        assertEquals(descriptor, executor.descriptor());
        FieldSpec operation = descriptor.fields().getFirst();
        assertEquals(FieldType.ENUM, operation.type());
        assertEquals(List.of("read_page", "create_page", "append_blocks", "query_database", "update_page"),
                operation.options());
        Set<String> names = new HashSet<>();
        descriptor.fields().forEach(f -> assertTrue(names.add(f.name()), "unique field " + f.name()));
        assertTrue(names.containsAll(descriptor.example().keySet()), "the example uses declared fields only");
        assertTrue(operation.options().contains(descriptor.example().get("operation")));
    }

    private static List<String> read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
