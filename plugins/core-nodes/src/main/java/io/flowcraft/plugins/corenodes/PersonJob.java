package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.ConversationMemory;
import io.flowcraft.api.spi.FieldSpec;
import io.flowcraft.api.spi.FieldType;
import io.flowcraft.api.spi.HandleSpec;
import io.flowcraft.api.spi.LlmMessage;
import io.flowcraft.api.spi.LlmResponse;
import io.flowcraft.api.spi.MemoryMessage;
import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;
import org.pf4j.Extension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code person_job}: one turn of a person (an LLM agent of the diagram's {@code persons}). The
 * prompt is {@code first_only_prompt} on the node's first run (when set), else
 * {@code default_prompt}, with {@code {{label}}} placeholders filled from inputs and variables;
 * text inputs no placeholder uses are appended as context, unless the person already sees that text
 * in its memory (a loop handing a person's own answer back to it). The person sees the part of its memory
 * {@code memorize_to} selects, and the turn is remembered.
 *
 * <p>A handed-on conversation (an input that is {@code [{role, content}]} or
 * {@code {messages: [...]}}, which is what a {@code conversation_state} edge carries) joins the
 * person's memory: the messages it does not hold yet are added, speakers kept. Its last answer
 * stands for the input in the prompt, so the other side's last word reaches the person even under
 * {@code GOLDFISH}; with {@code ALL_MESSAGES} the person also sees the whole exchange, other
 * people's answers as {@code user} messages that name them.
 *
 * <p>Output: the answer text. Metadata: {@code person}, {@code service}, {@code model},
 * {@code memory} (the policy), {@code prompt}, and {@code conversation}, the person's memory after
 * the turn, which the engine hands on along {@code conversation_state} edges. Stateless.
 */
@Extension
public final class PersonJob implements NodeExecutor {
    static final List<FieldSpec> PERSON_FIELDS = List.of(
            FieldSpec.required("person", FieldType.PERSON,
                    "The person who answers: a name in the diagram's persons (service, model, system_prompt, "
                            + "temperature, max_tokens, api_key_id)."),
            FieldSpec.optional("default_prompt", FieldType.TEXT, null,
                    "The prompt; {{label}} is replaced by that input or variable, {{a.b}} walks into an object, "
                            + "non-text values are written as JSON, unknown placeholders stay as they are."),
            FieldSpec.optional("first_only_prompt", FieldType.TEXT, null,
                    "The prompt on the node's first run, when set; later runs use default_prompt."),
            FieldSpec.optional("max_iteration", FieldType.INTEGER, 1L,
                    "How many times the node may run in one execution; the engine enforces it."));

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("person_job", "Person",
            "One turn of an LLM person: sends the prompt with what the person remembers, outputs the answer.",
            concat(PERSON_FIELDS, List.of(FieldSpec.optional("memorize_to", FieldType.STRING, "ALL_MESSAGES",
                    "What the person sees of its memory: " + MemoryPolicy.ACCEPTED + ". ALL_MESSAGES: the person's "
                            + "whole conversation; GOLDFISH: only this prompt; OWN_TURNS: only this node's earlier "
                            + "turns; RESET: the memory is cleared before the turn. Every turn is remembered "
                            + "afterwards. DiPeO's memory_profile is read when memorize_to is blank."),
                    FieldSpec.optional("memory_profile", FieldType.STRING, null,
                            "DiPeO's older name for memorize_to (FULL, FOCUSED, MINIMAL, GOLDFISH)."))),
            List.of(new HandleSpec("default", "input"), new HandleSpec("first", "first run only")), List.of(),
            Map.of("person", "Optimist", "first_only_prompt", "Suggest a reasonable argument: {{topic}}",
                    "default_prompt", "Argue against the argument.", "max_iteration", 2, "memorize_to", "GOLDFISH"));

    /** Creates the executor; PF4J calls this. */
    public PersonJob() {
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeResult execute(NodeContext context) throws InterruptedException {
        Person person = Person.of(context);
        MemoryPolicy policy = MemoryPolicy.of(context.data());
        String template = Prompts.template(context);
        ConversationMemory memory = memory(context);
        String nodeId = context.nodeId();
        if (policy == MemoryPolicy.RESET) {
            memory.clear(person.name());
        }
        Map<String, List<MemoryMessage>> handed = Prompts.conversations(context.inputs(), nodeId);
        handed.values().forEach(c -> memory.merge(person.name(), c));
        List<MemoryMessage> seen = policy.select(memory.conversation(person.name()), nodeId);
        Map<String, Object> inputs = Prompts.spoken(context.inputs(), handed);
        String prompt = Prompts.render(template, inputs, context.variables(), Prompts.remembered(inputs, seen));
        List<LlmMessage> messages = new ArrayList<>(Prompts.view(seen, person.name()));
        messages.add(new LlmMessage("user", prompt));
        LlmResponse response = person.complete(context.llm(), messages);
        int iteration = context.iteration();
        memory.append(person.name(), List.of(new MemoryMessage("user", prompt, nodeId, iteration, person.name()),
                new MemoryMessage("assistant", response.text(), nodeId, iteration, person.name())));
        Map<String, Object> metadata = new LinkedHashMap<>(describe(person));
        metadata.put("memory", policy.name());
        metadata.put("prompt", prompt);
        metadata.put("conversation", Prompts.toJson(memory.conversation(person.name())));
        return new NodeResult(response.text(), Optional.empty(), Optional.of(response.usage()), metadata);
    }

    /** The person's name, service and model, for metadata. */
    static Map<String, Object> describe(Person person) {
        return Map.of("person", person.name(), "service", person.service(), "model", person.model());
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    private static ConversationMemory memory(NodeContext context) {
        try {
            return context.memory();
        } catch (UnsupportedOperationException e) {
            return new LocalMemory();
        }
    }
}
