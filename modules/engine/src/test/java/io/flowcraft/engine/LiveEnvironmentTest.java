package io.flowcraft.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An environment file and a secrets directory, re-read when they change, over the process environment. */
class LiveEnvironmentTest {
    @TempDir
    Path dir;

    private static Optional<String> process(String name) {
        return Optional.ofNullable(Map.of("OPENAI_API_KEY", "from-process", "HOME", "/home/x").get(name));
    }

    @Test
    void theEnvFileWinsOverTheProcessAndIsReReadWhenItChanges() throws Exception {
        Path file = dir.resolve("flowcraft.env");
        LiveEnvironment env = new LiveEnvironment(Optional.of(file), Optional.empty(), LiveEnvironmentTest::process);
        assertEquals(Optional.of("from-process"), env.apply("OPENAI_API_KEY"), "no file yet");
        Files.writeString(file, """
                # keys for the team
                export OPENAI_API_KEY="sk-one"
                ANTHROPIC_API_KEY='sk-ant' 
                FLOWCRAFT_LLM_KEYS_TEAM=sk-team # rotated monthly
                not a line
                """);
        assertEquals(Optional.of("sk-one"), env.apply("OPENAI_API_KEY"));
        assertEquals(Optional.of("sk-ant"), env.apply("ANTHROPIC_API_KEY"));
        assertEquals(Optional.of("sk-team"), env.apply("FLOWCRAFT_LLM_KEYS_TEAM"));
        assertEquals(Optional.of("/home/x"), env.apply("HOME"), "what the file lacks comes from the process");

        Path next = dir.resolve("flowcraft.env.tmp");
        Files.writeString(next, "OPENAI_API_KEY=sk-two\n");
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(Optional.of("sk-two"), env.apply("OPENAI_API_KEY"), "a rotated key applies to the next lookup");
        assertEquals(Optional.empty(), env.apply("ANTHROPIC_API_KEY"), "a removed key is gone");

        Files.delete(file);
        assertEquals(Optional.of("from-process"), env.apply("OPENAI_API_KEY"), "a deleted file no longer counts");
    }

    @Test
    void aSecretsDirectoryHoldsOneFilePerVariable() throws Exception {
        Path secrets = Files.createDirectory(dir.resolve("secrets"));
        LiveEnvironment env = new LiveEnvironment(Optional.empty(), Optional.of(secrets), LiveEnvironmentTest::process);
        Files.writeString(secrets.resolve("OPENAI_API_KEY"), "sk-mounted\n");
        assertEquals(Optional.of("sk-mounted"), env.apply("OPENAI_API_KEY"));
        Files.writeString(secrets.resolve("OPENAI_API_KEY"), "sk-rotated-longer\n");
        assertEquals(Optional.of("sk-rotated-longer"), env.apply("OPENAI_API_KEY"));
        assertEquals(Optional.empty(), env.apply("../secrets/OPENAI_API_KEY"), "no path tricks");
        assertEquals(Optional.of("/home/x"), env.apply("HOME"));
    }

    @Test
    void theFilesAreNamedByTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("keys.env"), "XAI_API_KEY=sk-x\n");
        LiveEnvironment env = LiveEnvironment.of(name -> name.equals("FLOWCRAFT_ENV_FILE")
                ? Optional.of(file.toString()) : Optional.empty());
        assertEquals(Optional.of("sk-x"), env.apply("XAI_API_KEY"));
    }

    @Test
    void namesWithAPrefixAreListedFromTheFileAndTheDirectoryAsTheyChange() throws Exception {
        Path file = dir.resolve("keys.env");
        Path secrets = Files.createDirectory(dir.resolve("secrets"));
        LiveEnvironment env = new LiveEnvironment(Optional.of(file), Optional.of(secrets), LiveEnvironmentTest::process);
        assertEquals(java.util.Set.of(), env.names("FLOWCRAFT_AUTH_TOKENS_"), "nothing yet");
        Files.writeString(file, "FLOWCRAFT_AUTH_TOKENS_CI=operator:t\nOPENAI_API_KEY=sk\n");
        Files.writeString(secrets.resolve("FLOWCRAFT_AUTH_TOKENS_ANN"), "editor:t\n");
        Files.createDirectory(secrets.resolve("..data"));
        assertEquals(java.util.Set.of("FLOWCRAFT_AUTH_TOKENS_ANN", "FLOWCRAFT_AUTH_TOKENS_CI"),
                env.names("FLOWCRAFT_AUTH_TOKENS_"), "the process environment is not listed; ..data is no variable");
        Files.delete(secrets.resolve("FLOWCRAFT_AUTH_TOKENS_ANN"));
        Files.writeString(secrets.resolve("FLOWCRAFT_AUTH_TOKENS_BOB"), "viewer:t\n");
        assertEquals(java.util.Set.of("FLOWCRAFT_AUTH_TOKENS_BOB", "FLOWCRAFT_AUTH_TOKENS_CI"),
                env.names("FLOWCRAFT_AUTH_TOKENS_"), "the directory is listed again when it changes");
    }
}
