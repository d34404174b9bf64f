package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.JsonValues;
import io.flowcraft.api.spi.FieldSpec;
import io.flowcraft.api.spi.FieldType;
import io.flowcraft.api.spi.LlmCallException;
import io.flowcraft.api.spi.LlmMessage;
import io.flowcraft.api.spi.LlmRequest;
import io.flowcraft.api.spi.MemoryMessage;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeResult;
import io.flowcraft.api.spi.TokenUsage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** person_job: prompts, placeholders, memory policies, handed-on conversations, failures. */
class PersonJobTest {
    private final PersonJob job = new PersonJob();
    private final LocalMemory memory = new LocalMemory();
    private final FakeLlm llm = FakeLlm.counting();

    private LlmTestContext context(Map<String, ?> data) {
        return LlmTestContext.of("person_job", data, llm, memory);
    }

    private static List<LlmMessage> messages(String... roleAndContent) {
        List<LlmMessage> out = new ArrayList<>();
        for (int i = 0; i < roleAndContent.length; i += 2) {
            out.add(new LlmMessage(roleAndContent[i], roleAndContent[i + 1]));
        }
        return out;
    }

    @Test
    void sendsThePersonsSettingsAndOutputsTheAnswerWithItsTokens() throws Exception {
        NodeResult result = job.execute(context(Map.of("person", "Optimist", "default_prompt", "Hello")));
        assertEquals("answer 1", result.output());
        assertEquals(Optional.of(new TokenUsage(10, 5)), result.tokens());
        FakeLlm.Call call = llm.calls().getFirst();
        assertEquals("openai", call.service());
        assertEquals(new LlmRequest("gpt-5-nano", Optional.of("You argue with enthusiasm."), messages("user", "Hello"),
                OptionalDouble.of(0.5), OptionalInt.of(200), Optional.of("KEY_1")), call.request());
        assertEquals(Map.of("person", "Optimist", "service", "openai", "model", "gpt-5-nano"),
                Map.of("person", result.metadata().get("person"), "service", result.metadata().get("service"),
                        "model", result.metadata().get("model")));
    }

    @Test
    void aPersonsSettingsMayBeNestedInLlmConfig() throws Exception {
        job.execute(context(Map.of("person", "Judge", "default_prompt", "Judge")));
        assertEquals("claude", llm.calls().getFirst().service());
        assertEquals(new LlmRequest("claude-x", Optional.empty(), messages("user", "Judge"), OptionalDouble.empty(),
                OptionalInt.empty(), Optional.empty()), llm.calls().getFirst().request());
    }

    @Test
    void theFirstOnlyPromptIsUsedOnTheFirstRunAndTheDefaultPromptAfter() throws Exception {
        var ctx = context(Map.of("person", "Optimist", "first_only_prompt", "Open", "default_prompt", "Reply",
                "memorize_to", "GOLDFISH"));
        job.execute(ctx);
        job.execute(ctx.run(1));
        job.execute(ctx.run(2));
        assertEquals(List.of("Open", "Reply", "Reply"), llm.calls().stream().map(FakeLlm.Call::prompt).toList());
    }

    @Test
    void withOnlyAFirstOnlyPromptLaterRunsReuseIt() throws Exception {
        var ctx = context(Map.of("person", "Optimist", "first_only_prompt", "Open"));
        job.execute(ctx.run(1));
        assertEquals("Open", llm.calls().getFirst().prompt());
    }

    @Test
    void placeholdersComeFromLabelsThenVariablesWithDottedPathsAndJson() throws Exception {
        var ctx = context(Map.of("person", "Optimist",
                "default_prompt", "{{topic}} / {{who}} / {{user.name}} / {{user}} / {{list.1}} / {{n}} / {{unknown}}"))
                .withInputs(Map.of("topic", "Tea", "user", Map.of("name", "Ada")))
                .withVariables(Map.of("topic", "ignored", "who", "Bob", "list", List.of("a", "b"), "n", 3));
        job.execute(ctx);
        assertEquals("Tea / Bob / Ada / {\"name\":\"Ada\"} / b / 3 / {{unknown}}", llm.calls().getFirst().prompt());
    }

    @Test
    void textInputsWithoutAPlaceholderAreAppendedAsContextAndObjectsAreNot() throws Exception {
        var ctx = context(Map.of("person", "Optimist", "default_prompt", "Argue against {{topic}}."))
                .withInputs(Map.of("default", "Tea is great.", "topic", "tea", "start", Map.of("x", 1)));
        job.execute(ctx);
        assertEquals("Argue against tea.\n\nTea is great.", llm.calls().getFirst().prompt());
        job.execute(context(Map.of("person", "Optimist", "default_prompt", "Judge.", "memorize_to", "GOLDFISH"))
                .withInputs(Map.of("verdict", "guilty")));
        assertEquals("Judge.\n\nverdict:\nguilty", llm.calls().get(1).prompt());
    }

    @Test
    void anAnswerHandedBackAroundALoopIsNotRepeatedWhenThePersonRemembersIt() throws Exception {
        var ctx = context(Map.of("person", "Optimist", "default_prompt", "say hi"));
        job.execute(ctx);
        job.execute(ctx.run(1).withInputs(Map.of("default", "answer 1")));
        assertEquals(messages("user", "say hi", "assistant", "answer 1", "user", "say hi"),
                llm.calls().get(1).request().messages());
        var goldfish = context(Map.of("person", "Optimist", "default_prompt", "Argue against it.",
                "memorize_to", "GOLDFISH")).withInputs(Map.of("default", "answer 2"));
        job.execute(goldfish);
        assertEquals(messages("user", "Argue against it.\n\nanswer 2"), llm.calls().get(2).request().messages());
    }

    @Test
    void allMessagesShowsThePersonsWholeConversationAcrossNodes() throws Exception {
        var ctx = context(Map.of("person", "Optimist", "default_prompt", "p", "memorize_to", "ALL_MESSAGES"));
        job.execute(ctx);
        job.execute(ctx.node("node-2", 0));
        job.execute(ctx.run(1));
        assertEquals(messages("user", "p", "assistant", "answer 1", "user", "p", "assistant", "answer 2", "user", "p"),
                llm.calls().get(2).request().messages());
        assertEquals(6, memory.conversation("Optimist").size());
        assertEquals(new MemoryMessage("assistant", "answer 3", "node-1", 1, "Optimist"), memory.conversation("Optimist").getLast());
    }

    @Test
    void dipeosRememberAllIsAllMessages() throws Exception {
        var ctx = context(Map.of("person", "Optimist", "default_prompt", "p", "memorize_to", "remember all"));
        job.execute(ctx);
        job.execute(ctx.run(1));
        assertEquals(3, llm.calls().get(1).request().messages().size());
    }

    @Test
    void goldfishSeesOnlyThisPromptButTheTurnIsRemembered() throws Exception {
        var ctx = context(Map.of("person", "Optimist", "default_prompt", "p", "memorize_to", "GOLDFISH"));
        job.execute(ctx);
        job.execute(ctx.run(1));
        job.execute(ctx.run(2));
        assertEquals(messages("user", "p"), llm.calls().get(2).request().messages());
        assertEquals(6, memory.conversation("Optimist").size());
    }

    @Test
    void ownTurnsSeesOnlyThisNodesEarlierTurns() throws Exception {
        var mine = context(Map.of("person", "Optimist", "default_prompt", "mine", "memorize_to", "OWN_TURNS"));
        var other = context(Map.of("person", "Optimist", "default_prompt", "other")).node("node-2", 0);
        job.execute(mine);
        job.execute(other);
        job.execute(mine.run(1));
        job.execute(mine.run(2));
        assertEquals(messages("user", "mine", "assistant", "answer 1", "user", "mine", "assistant", "answer 3",
                "user", "mine"), llm.calls().get(3).request().messages());
        assertEquals(8, memory.conversation("Optimist").size());
    }

    @Test
    void resetClearsTheMemoryBeforeEveryTurn() throws Exception {
        var ctx = context(Map.of("person", "Optimist", "default_prompt", "p", "memorize_to", "RESET"));
        job.execute(ctx);
        job.execute(ctx.run(1));
        job.execute(ctx.run(2));
        assertEquals(messages("user", "p"), llm.calls().get(2).request().messages());
        assertEquals(List.of(new MemoryMessage("user", "p", "node-1", 2, "Optimist"),
                new MemoryMessage("assistant", "answer 3", "node-1", 2, "Optimist")), memory.conversation("Optimist"));
    }

    @Test
    void anUnknownPolicyNamesTheFieldAndTheAcceptedValues() {
        var ctx = context(Map.of("person", "Optimist", "default_prompt", "p", "memorize_to", "requirements only"));
        NodeFailure failure = assertThrows(NodeFailure.class, () -> job.execute(ctx));
        assertEquals("field 'memorize_to' is 'requirements only'; accepted values: " + MemoryPolicy.ACCEPTED,
                failure.getMessage());
    }

    @Test
    void aHandedOnConversationJoinsThePersonsMemoryBeforeTheTurn() throws Exception {
        memory.append("Optimist", List.of(new MemoryMessage("user", "old", "node-9", 0, "Optimist")));
        var ctx = context(Map.of("person", "Optimist", "default_prompt", "Go on."))
                .withInputs(Map.of("default", Map.of("messages", List.of(
                        Map.of("role", "user", "content", "Tea?"),
                        Map.of("role", "assistant", "content", "Yes!", "node_id", "node-0")))));
        NodeResult result = job.execute(ctx);
        assertEquals(messages("user", "old", "user", "Tea?", "assistant", "Yes!", "user", "Go on."),
                llm.calls().getFirst().request().messages());
        assertEquals(List.of(new MemoryMessage("user", "old", "node-9", 0, "Optimist"),
                new MemoryMessage("user", "Tea?", "node-1", 0, ""), new MemoryMessage("assistant", "Yes!", "node-0", 0, ""),
                new MemoryMessage("user", "Go on.", "node-1", 0, "Optimist"),
                new MemoryMessage("assistant", "answer 1", "node-1", 0, "Optimist")), memory.conversation("Optimist"));
        assertEquals(JsonValues.freeze(Prompts.toJson(memory.conversation("Optimist"))), result.metadata().get("conversation"));
    }

    @Test
    void aGoldfishStillHearsTheLastAnswerOfAConversationHandedOnByAnotherPerson() throws Exception {
        NodeResult optimist = job.execute(context(Map.of("person", "Optimist", "default_prompt", "Suggest an argument.")));
        var pessimist = context(Map.of("person", "Judge", "default_prompt", "Argue against the argument.",
                "memorize_to", "GOLDFISH")).node("node-2", 0)
                .withInputs(Map.of("default", Map.of("messages", optimist.metadata().get("conversation"))));
        job.execute(pessimist);
        assertEquals(messages("user", "Argue against the argument.\n\nanswer 1"), llm.calls().get(1).request().messages());
        assertEquals(List.of("Optimist", "Optimist", "Judge", "Judge"),
                memory.conversation("Judge").stream().map(MemoryMessage::person).toList());
    }

    @Test
    void allMessagesSeesAnotherPersonsAnswersAsTheirsAndNotWhatTheyWereTold() throws Exception {
        NodeResult optimist = job.execute(context(Map.of("person", "Optimist", "default_prompt", "Suggest an argument.")));
        var judge = context(Map.of("person", "Judge", "default_prompt", "Which side wins? {{debate}}"))
                .node("node-2", 0).withInputs(Map.of("debate", Map.of("messages", optimist.metadata().get("conversation"))));
        job.execute(judge);
        assertEquals(messages("user", "Optimist: answer 1", "user", "Which side wins? answer 1"),
                llm.calls().get(1).request().messages().subList(0, 2));
    }

    @Test
    void aConversationHandedBackAndForthGrowsWithoutRepeatingItself() throws Exception {
        var optimist = context(Map.of("person", "Optimist", "default_prompt", "Argue.", "memorize_to", "ALL_MESSAGES"));
        var pessimist = context(Map.of("person", "Judge", "default_prompt", "Argue back.", "memorize_to", "ALL_MESSAGES"))
                .node("node-2", 0);
        NodeResult o1 = job.execute(optimist);
        NodeResult p1 = job.execute(pessimist.withInputs(Map.of("default", Map.of("messages", o1.metadata().get("conversation")))));
        job.execute(optimist.run(1).withInputs(Map.of("default", Map.of("messages", p1.metadata().get("conversation")))));
        assertEquals(messages("user", "Argue.", "assistant", "answer 1", "user", "Judge: answer 2", "user", "Argue."),
                llm.calls().get(2).request().messages());
        assertEquals(List.of("answer 1", "answer 2", "answer 3"), memory.conversation("Optimist").stream()
                .filter(m -> m.role().equals("assistant")).map(MemoryMessage::content).toList());
        assertEquals(6, memory.conversation("Optimist").size());
    }

    @Test
    void aListOfMessagesIsAConversationToo() throws Exception {
        var ctx = context(Map.of("person", "Optimist", "default_prompt", "Next", "memorize_to", "GOLDFISH"))
                .withInputs(Map.of("conversation", List.of(Map.of("role", "user", "content", "Hi"))));
        job.execute(ctx);
        assertEquals(messages("user", "Next\n\nconversation:\nHi"), llm.calls().getFirst().request().messages(),
                "a goldfish sees none of the history, but the conversation's last word reaches the prompt");
        assertEquals(3, memory.conversation("Optimist").size());
    }

    @Test
    void anUnknownPersonListsTheDiagramsPersons() {
        NodeFailure failure = assertThrows(NodeFailure.class,
                () -> job.execute(context(Map.of("person", "Nobody", "default_prompt", "p"))));
        assertEquals("unknown person 'Nobody'; the diagram's persons are: Judge, Nameless, Optimist", failure.getMessage());
    }

    @Test
    void aPersonWithoutAModelFails() {
        NodeFailure failure = assertThrows(NodeFailure.class,
                () -> job.execute(context(Map.of("person", "Nameless", "default_prompt", "p"))));
        assertEquals("person 'Nameless' has no model (persons.Nameless.model)", failure.getMessage());
    }

    @Test
    void anLlmFailureNamesThePersonServiceAndModelAndNothingIsRemembered() {
        var failing = FakeLlm.answering(r -> {
            throw new LlmCallException("openai answered 429 (rate limited)");
        });
        var ctx = LlmTestContext.of("person_job", Map.of("person", "Optimist", "default_prompt", "p"), failing, memory);
        NodeFailure failure = assertThrows(NodeFailure.class, () -> job.execute(ctx));
        assertEquals("person 'Optimist' (service openai, model gpt-5-nano) failed: openai answered 429 (rate limited)",
                failure.getMessage());
        assertEquals(List.of(), memory.conversation("Optimist"));
    }

    @Test
    void theDescriptorUsesDipeosFieldNames() {
        NodeDescriptor d = job.descriptor();
        assertEquals("person_job", d.type());
        assertEquals(List.of("person", "default_prompt", "first_only_prompt", "max_iteration", "memorize_to",
                "memory_profile"), d.fields().stream().map(FieldSpec::name).toList());
        assertEquals(FieldSpec.required("person", FieldType.PERSON, d.fields().getFirst().description()),
                d.fields().getFirst());
        assertEquals(Optional.of(1L), d.fields().get(3).defaultValue());
        assertEquals(Optional.of("ALL_MESSAGES"), d.fields().get(4).defaultValue());
        assertEquals(List.of("default", "first"), d.inputs().stream().map(h -> h.id()).toList());
        assertEquals("GOLDFISH", d.example().get("memorize_to"));
    }
}
