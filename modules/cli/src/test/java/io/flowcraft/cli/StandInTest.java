package io.flowcraft.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What tests of LLM diagrams share: a plugins directory with the real core-nodes and llm-openai
 * jars, a working directory per test, and an {@link OpenAiStandIn} on loopback that the run's
 * environment ({@code OPENAI_BASE_URL}, {@code OPENAI_API_KEY}) points at. Every test ends within
 * 90 seconds; each run is bounded by its {@code --timeout}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
abstract class StandInTest {
    /** The API key the runs are given: a secret that must never be printed. */
    static final String KEY = "sk-test-" + UUID.randomUUID();

    @TempDir
    static Path shared;
    static String plugins;

    @TempDir
    Path cwd;
    OpenAiStandIn standIn;

    @BeforeAll
    static void plugins() throws IOException {
        plugins = CliFixture.pluginsDirWithLlm(shared).toString();
    }

    @AfterEach
    void stopStandIn() {
        if (standIn != null) {
            standIn.close();
        }
    }

    /** Starts this test's stand-in, answering with {@code answers}. */
    OpenAiStandIn standIn(Function<OpenAiStandIn.Call, String> answers) throws IOException {
        standIn = OpenAiStandIn.start(KEY, answers);
        return standIn;
    }

    /** The environment of a run: the key and the stand-in's base URL, nothing else. */
    Map<String, String> env() {
        return Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", standIn.baseUrl());
    }
}
