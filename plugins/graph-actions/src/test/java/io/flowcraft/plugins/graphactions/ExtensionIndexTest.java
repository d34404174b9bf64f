package io.flowcraft.plugins.graphactions;

import io.flowcraft.api.spi.GraphAction;
import org.junit.jupiter.api.Test;
import org.pf4j.Extension;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PF4J finds extensions only through META-INF/extensions.idx, written by its annotation processor. */
class ExtensionIndexTest {
    private static final List<Class<? extends GraphAction>> ACTIONS =
            List.of(GenerateChildren.class, Duplicate.class, DeleteSubtree.class, InsertBetween.class);

    @Test
    void theAnnotationProcessorIndexedAllFourActions() throws Exception {
        // this module's index: the one next to this module's compiled classes (target/classes)
        URL classes = GenerateChildren.class.getProtectionDomain().getCodeSource().getLocation();
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
        Set<String> expected = new HashSet<>();
        ACTIONS.forEach(c -> expected.add(c.getName()));
        assertEquals(expected, listed);
    }

    @Test
    void everyActionIsALoadableExtensionWithAUniqueId() throws Exception {
        Set<String> ids = new HashSet<>();
        for (Class<? extends GraphAction> c : ACTIONS) {
            assertNotNull(c.getAnnotation(Extension.class), c + " is annotated @Extension");
            assertTrue(Modifier.isPublic(c.getModifiers()), c + " is public");
            GraphAction action = c.getConstructor().newInstance();
            assertTrue(ids.add(action.descriptor().id()), "unique id " + action.descriptor().id());
            assertEquals(action.descriptor(), action.descriptor());
        }
        assertEquals(Set.of("generate-children", "duplicate", "delete-subtree", "insert-between"), ids);
    }

    private static List<String> read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
    }
}
