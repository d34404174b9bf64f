package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.NodeExecutor;
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
    private static final List<Class<? extends NodeExecutor>> EXECUTORS =
            List.of(Start.class, Condition.class, Job.class, CodeJob.class, Db.class, Endpoint.class, UserResponse.class,
                    PersonJob.class, PersonBatchJob.class);

    @Test
    void theAnnotationProcessorIndexedEveryExecutor() throws Exception {
        // this module's index: the one next to this module's compiled classes (target/classes)
        URL classes = Start.class.getProtectionDomain().getCodeSource().getLocation();
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
        EXECUTORS.forEach(c -> expected.add(c.getName()));
        assertEquals(expected, listed);
    }

    @Test
    void everyExecutorIsALoadableExtensionWithAUniqueType() throws Exception {
        Set<String> ids = new HashSet<>();
        for (Class<? extends NodeExecutor> c : EXECUTORS) {
            assertNotNull(c.getAnnotation(Extension.class), c + " is annotated @Extension");
            assertTrue(Modifier.isPublic(c.getModifiers()), c + " is public");
            NodeExecutor executor = c.getConstructor().newInstance();
            assertTrue(ids.add(executor.descriptor().type()), "unique id " + executor.descriptor().type());
            assertEquals(executor.descriptor(), executor.descriptor());
        }
        assertEquals(Set.of("start", "condition", "job", "code_job", "db", "endpoint", "user_response",
                "person_job", "person_batch_job"), ids);
    }

    private static List<String> read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
    }
}
