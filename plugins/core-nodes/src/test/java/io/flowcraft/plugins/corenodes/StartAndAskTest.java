package io.flowcraft.plugins.corenodes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The start node and asking a person (user_response). */
class StartAndAskTest {
    @TempDir
    Path base;

    @Test
    void startOutputsTheRunsVariables() {
        var ctx = TestContext.of(Map.of("custom_data", Map.of("topic", "x")), Map.of(), base)
                .withVariables(Map.of("topic", "from the run", "n", 3));
        assertEquals(Map.of("topic", "from the run", "n", 3L), new Start().execute(ctx).output());
    }

    @Test
    void asksThePromptWithPlaceholdersFilledAndOutputsTheTrimmedAnswer() throws Exception {
        List<String> asked = new ArrayList<>();
        List<Duration> waits = new ArrayList<>();
        var ctx = TestContext.of(Map.of("prompt", "Keep {{summary}} for {{who}}? ({{unknown}})", "timeout", 5),
                Map.of("summary", "the draft"), base).withVariables(Map.of("who", "Ada"))
                .withAnswers((prompt, wait) -> {
                    asked.add(prompt);
                    waits.add(wait);
                    return CompletableFuture.completedFuture("  yes please \n");
                });
        assertEquals("yes please", new UserResponse().execute(ctx).output());
        assertEquals(List.of("Keep the draft for Ada? ({{unknown}})"), asked);
        assertEquals(List.of(Duration.ofSeconds(5)), waits);
    }

    @Test
    void whenNobodyAnswersTheDefaultResponseIsTheOutput() throws Exception {
        var ctx = TestContext.of(Map.of("prompt", "ok?", "default_response", "no answer"), Map.of(), base)
                .withAnswers((p, w) -> CompletableFuture.failedFuture(new TimeoutException()));
        assertEquals("no answer", new UserResponse().execute(ctx).output());
    }

    @Test
    void withoutADefaultResponseSilenceFailsTheNode() {
        var ctx = TestContext.of(Map.of("prompt", "ok?", "timeout", 7), Map.of(), base)
                .withAnswers((p, w) -> CompletableFuture.failedFuture(new TimeoutException()));
        NodeFailure failure = assertThrows(NodeFailure.class, () -> new UserResponse().execute(ctx));
        assertEquals("nobody answered within 7 s", failure.getMessage());
    }
}
