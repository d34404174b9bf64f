package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.FieldSpec;
import io.flowcraft.api.spi.LlmCallException;
import io.flowcraft.api.spi.LlmMessage;
import io.flowcraft.api.spi.MemoryMessage;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeResult;
import io.flowcraft.api.spi.TokenUsage;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** person_batch_job: order, concurrency, aggregation, partial failures, tokens. */
class PersonBatchJobTest {
    private final PersonBatchJob job = new PersonBatchJob();
    private final LocalMemory memory = new LocalMemory();

    /** Answers "A:<item>" to "Rate <item>" after a delay that makes early items finish last, else echoes. */
    private static FakeLlm slowFirst() {
        return FakeLlm.answering(r -> {
            String prompt = r.messages().getLast().content();
            if (!prompt.startsWith("Rate i")) {
                return "echo " + prompt;
            }
            FakeLlm.sleep(60L - 5L * Integer.parseInt(prompt.substring("Rate i".length())));
            return "A:" + prompt.substring("Rate ".length());
        });
    }

    private LlmTestContext context(Map<String, Object> data, FakeLlm llm, List<?> items) {
        Map<String, Object> all = new HashMap<>(Map.of("person", "Optimist", "default_prompt", "Rate {{item}}"));
        all.putAll(data);
        return LlmTestContext.of("person_batch_job", all, llm, memory).withInputs(Map.of("default", items));
    }

    private static List<String> items(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "i" + i).toList();
    }

    @Test
    void answersKeepTheItemOrderAndTheConcurrencyLimitHolds() throws Exception {
        FakeLlm llm = slowFirst();
        NodeResult result = job.execute(context(Map.of("aggregation", "json", "max_concurrent", 3), llm, items(10)));
        assertEquals(items(10).stream().map(i -> "A:" + i).toList(), result.output());
        assertEquals(3, llm.mostInFlight());
        assertEquals(Optional.of(new TokenUsage(100, 50)), result.tokens());
    }

    @Test
    void eachItemIsAnIndependentCallWithItemAndIndexAndNoMemory() throws Exception {
        FakeLlm llm = FakeLlm.counting();
        memory.append("Optimist", List.of(new MemoryMessage("user", "old", "n", 0, "Optimist")));
        job.execute(context(Map.of("default_prompt", "#{{index}}: {{item.name}}", "max_concurrent", 1), llm,
                List.of(Map.of("name", "tea"), Map.of("name", "coffee"))));
        assertEquals(List.of(List.of(new LlmMessage("user", "#0: tea")), List.of(new LlmMessage("user", "#1: coffee"))),
                llm.calls().stream().map(c -> c.request().messages()).toList());
        assertEquals(1, memory.conversation("Optimist").size());
    }

    @Test
    void concatenateJoinsWithTheSeparatorAndTheListMayBeANamedVariableOrJsonText() throws Exception {
        FakeLlm llm = FakeLlm.answering(r -> r.messages().getLast().content().toUpperCase());
        var ctx = LlmTestContext.of("person_batch_job", Map.of("person", "Optimist", "default_prompt", "{{item}}",
                "batch_input_key", "todo", "separator", " | "), llm, memory)
                .withVariables(Map.of("todo", "[\"a\", \"b\", \"c\"]"));
        assertEquals("A | B | C", job.execute(ctx).output());
        assertEquals("A\n\nB", job.execute(context(Map.of("default_prompt", "{{item}}"), llm, List.of("a", "b"))).output());
    }

    @Test
    void summarizeMakesOneFinalCallWithTheAnswers() throws Exception {
        NodeResult result = job.execute(context(Map.of("aggregation", "summarize",
                "summary_prompt", "Sum up {{count}}: {{answers}}"), slowFirst(), items(3)));
        assertEquals("echo Sum up 3: A:i0\n\nA:i1\n\nA:i2", result.output());
        assertEquals(Optional.of(new TokenUsage(40, 20)), result.tokens());
    }

    @Test
    void failedItemsAreReportedByIndexAndTheOthersAggregated() throws Exception {
        FakeLlm llm = FakeLlm.answering(r -> {
            if (r.messages().getLast().content().endsWith("i1")) {
                throw new LlmCallException("too long");
            }
            return "ok";
        });
        NodeResult result = job.execute(context(Map.of("aggregation", "json"), llm, items(3)));
        assertEquals(Map.of("result", List.of("ok", "ok"), "errors", List.of(Map.of("index", 1L,
                "error", "person 'Optimist' (service openai, model gpt-5-nano) failed: too long"))), result.output());
        assertEquals(Optional.of(new TokenUsage(20, 10)), result.tokens());
    }

    @Test
    void theNodeFailsWhenEveryItemFailsOrAtTheFirstFailureWithFailFast() {
        FakeLlm llm = FakeLlm.answering(r -> {
            if (r.messages().getLast().content().endsWith("i1")) {
                throw new LlmCallException("down");
            }
            return "ok";
        });
        FakeLlm broken = FakeLlm.answering(r -> {
            throw new LlmCallException("down");
        });
        NodeFailure all = assertThrows(NodeFailure.class, () -> job.execute(context(Map.of(), broken, items(2))));
        assertEquals("all 2 items failed; the first: person 'Optimist' (service openai, model gpt-5-nano) failed: down",
                all.getMessage());
        NodeFailure fast = assertThrows(NodeFailure.class,
                () -> job.execute(context(Map.of("fail_fast", true), llm, items(3))));
        assertEquals("item 1 failed: person 'Optimist' (service openai, model gpt-5-nano) failed: down", fast.getMessage());
    }

    @Test
    void anInputThatIsNoListAndAnUnknownAggregationFailClearly() {
        FakeLlm llm = FakeLlm.counting();
        assertEquals("the batch input 'default' is not a list", assertThrows(NodeFailure.class,
                () -> job.execute(context(Map.of(), llm, List.of()).withInputs(Map.of("default", "x")))).getMessage());
        assertEquals("field 'aggregation' is 'vote'; accepted values: concatenate, json, summarize",
                assertThrows(NodeFailure.class,
                        () -> job.execute(context(Map.of("aggregation", "vote"), llm, items(1)))).getMessage());
    }

    @Test
    void theDescriptorDeclaresTheBatchFieldsWithDefaults() {
        NodeDescriptor d = job.descriptor();
        assertEquals("person_batch_job", d.type());
        assertEquals(List.of("person", "default_prompt", "first_only_prompt", "max_iteration", "batch_input_key",
                        "max_concurrent", "aggregation", "separator", "summary_prompt", "fail_fast"),
                d.fields().stream().map(FieldSpec::name).toList());
        Map<String, Object> defaults = new HashMap<>();
        d.fields().forEach(f -> f.defaultValue().ifPresent(v -> defaults.put(f.name(), v)));
        assertEquals(Map.of("max_iteration", 1L, "max_concurrent", 4L, "aggregation", "concatenate", "separator", "\n\n",
                "summary_prompt", "Summarize these answers in one answer:\n\n{{answers}}", "fail_fast", false), defaults);
        assertEquals(List.of("concatenate", "json", "summarize"), d.fields().get(6).options());
        assertEquals("json", d.example().get("aggregation"));
    }
}
