package io.flowcraft.plugins.llmopenai;

import io.flowcraft.api.spi.LlmProvider;
import org.junit.jupiter.api.Test;
import org.pf4j.Extension;

import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PF4J finds extensions only through META-INF/extensions.idx, written by its annotation processor. */
class ExtensionIndexTest {
    private static final List<Class<? extends LlmProvider>> PROVIDERS = List.of(OpenAi.class, Ollama.class, Grok.class);

    @Test
    void theAnnotationProcessorIndexedEveryProvider() throws Exception {
        URL classes = OpenAi.class.getProtectionDomain().getCodeSource().getLocation();
        URL index = null;
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            if (url.toString().startsWith(classes.toString())) {
                index = url;
            }
        }
        assertNotNull(index, "no META-INF/extensions.idx under " + classes);
        Set<String> listed;
        try (InputStream in = index.openStream()) {
            listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toSet());
        }
        assertEquals(PROVIDERS.stream().map(Class::getName).collect(Collectors.toSet()), listed);
    }

    @Test
    void everyProviderIsALoadableExtensionWithAUniqueId() throws Exception {
        Set<String> ids = new HashSet<>();
        for (Class<? extends LlmProvider> c : PROVIDERS) {
            assertNotNull(c.getAnnotation(Extension.class), c + " is annotated @Extension");
            assertTrue(Modifier.isPublic(c.getModifiers()), c + " is public");
            LlmProvider provider = c.getConstructor().newInstance();
            assertTrue(ids.add(provider.descriptor().id()), "unique id " + provider.descriptor().id());
        }
        assertEquals(Set.of("openai", "ollama", "grok"), ids);
    }
}
