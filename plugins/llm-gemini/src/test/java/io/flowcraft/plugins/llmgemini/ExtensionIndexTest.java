package io.flowcraft.plugins.llmgemini;

import io.flowcraft.api.spi.LlmProvider;
import org.junit.jupiter.api.Test;
import org.pf4j.Extension;

import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PF4J finds extensions only through META-INF/extensions.idx, written by its annotation processor. */
class ExtensionIndexTest {
    @Test
    void theAnnotationProcessorIndexedTheProvider() throws Exception {
        URL classes = Gemini.class.getProtectionDomain().getCodeSource().getLocation();
        URL index = null;
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            if (url.toString().startsWith(classes.toString())) {
                index = url;
            }
        }
        assertNotNull(index, "no META-INF/extensions.idx under " + classes);
        try (InputStream in = index.openStream()) {
            assertEquals(Set.of(Gemini.class.getName()), new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toSet()));
        }
    }

    @Test
    void theProviderIsALoadableExtension() throws Exception {
        assertNotNull(Gemini.class.getAnnotation(Extension.class));
        assertTrue(Modifier.isPublic(Gemini.class.getModifiers()));
        LlmProvider provider = Gemini.class.getConstructor().newInstance();
        assertEquals("gemini", provider.descriptor().id());
        assertEquals(List.of("google"), provider.descriptor().aliases());
    }
}
