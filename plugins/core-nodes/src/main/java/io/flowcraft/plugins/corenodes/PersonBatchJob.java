package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.FieldSpec;
import io.flowcraft.api.spi.FieldType;
import io.flowcraft.api.spi.LlmMessage;
import io.flowcraft.api.spi.LlmResponse;
import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;
import io.flowcraft.api.spi.TokenUsage;
import org.pf4j.Extension;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * {@code person_batch_job}: asks a person once per item of a list, at most {@code max_concurrent}
 * calls at a time, and aggregates the answers in item order. Each item is an independent call:
 * the person's memory is neither shown nor changed. Items that fail are listed as
 * {@code {index, error}}; the node fails only when every item fails or {@code fail_fast} is set.
 *
 * <p>Output: the aggregate ({@code concatenate}: text; {@code json}: a list of answers;
 * {@code summarize}: the person's summary), or, when some items failed,
 * {@code {result: <aggregate of the answers>, errors: [{index, error}]}}. Tokens: all calls. Stateless.
 */
@Extension
public final class PersonBatchJob implements NodeExecutor {
    private static final String DEFAULT_SUMMARY = "Summarize these answers in one answer:\n\n{{answers}}";
    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("person_batch_job", "Person, per item",
            "Asks a person once per item of a list ({{item}}, {{index}} in the prompt) and aggregates the answers.",
            PersonJob.concat(PersonJob.PERSON_FIELDS, List.of(
                    FieldSpec.optional("batch_input_key", FieldType.STRING, null,
                            "The input or variable holding the list (a dotted path works); blank: the default "
                                    + "input (its 'items' when it is an object). JSON text is parsed."),
                    FieldSpec.optional("max_concurrent", FieldType.INTEGER, 4L, "Most calls at once."),
                    new FieldSpec("aggregation", FieldType.ENUM, false, Optional.of("concatenate"),
                            "concatenate: the answers joined by separator; json: a list of the answers; "
                                    + "summarize: one more call asking the person to summarize them (summary_prompt).",
                            List.of("concatenate", "json", "summarize")),
                    FieldSpec.optional("separator", FieldType.STRING, "\n\n", "Between answers when concatenating."),
                    FieldSpec.optional("summary_prompt", FieldType.TEXT, DEFAULT_SUMMARY,
                            "The summarize prompt; {{answers}} is the answers joined by separator (appended "
                                    + "when there is no placeholder for them), {{count}} their number."),
                    FieldSpec.optional("fail_fast", FieldType.BOOLEAN, false,
                            "Fail the node at the first failed item instead of reporting it."))),
            List.of(), List.of(),
            Map.of("person", "Reviewer", "default_prompt", "Review change {{index}}: {{item}}",
                    "batch_input_key", "changes", "max_concurrent", 4, "aggregation", "json"));

    /** Creates the executor; PF4J calls this. */
    public PersonBatchJob() {
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeResult execute(NodeContext context) throws InterruptedException {
        Map<String, Object> data = context.data();
        Person person = Person.of(context);
        String aggregation = Fields.string(data, "aggregation").orElse("concatenate").strip();
        if (!Set.of("concatenate", "json", "summarize").contains(aggregation)) {
            throw new NodeFailure("field 'aggregation' is '" + aggregation + "'; accepted values: concatenate, json, summarize");
        }
        String key = Fields.string(data, "batch_input_key").orElse("default");
        List<String> prompts = prompts(context, key, items(context, key));
        int limit = (int) Math.max(1, Fields.integer(data, "max_concurrent").orElse(4));
        Batch batch = run(context, person, prompts, limit, Fields.bool(data, "fail_fast", false));
        String separator = data.get("separator") instanceof String s ? s : "\n\n";
        String joined = String.join(separator, batch.answers());
        TokenUsage tokens = batch.tokens();
        Object result = switch (aggregation) {
            case "json" -> batch.answers();
            case "concatenate" -> joined;
            default -> {
                LlmResponse summary = summarize(context, person, joined, batch.answers().size());
                tokens = tokens.plus(summary.usage());
                yield summary.text();
            }
        };
        Map<String, Object> metadata = new LinkedHashMap<>(PersonJob.describe(person));
        metadata.put("items", prompts.size());
        metadata.put("errors", batch.errors());
        Object output = batch.errors().isEmpty() ? result : Map.of("result", result, "errors", batch.errors());
        return new NodeResult(output, Optional.empty(), Optional.of(tokens), metadata);
    }

    private static List<?> items(NodeContext context, String key) {
        Object value = Values.lookup(key, context.inputs(), context.variables())
                .or(() -> Optional.ofNullable(context.inputs().get("default") instanceof Map<?, ?> m
                        ? m.get(key.equals("default") ? "items" : key) : null))
                .orElseThrow(() -> new NodeFailure("the batch input '" + key + "' is neither an input nor a variable"));
        if (value instanceof Map<?, ?> m && key.equals("default") && m.get("items") instanceof List<?> list) {
            value = list;
        }
        if (value instanceof String text && text.strip().startsWith("[")) {
            try {
                value = Json.parse(text);
            } catch (IOException e) {
                throw new NodeFailure("the batch input '" + key + "' is not a JSON list: " + e.getMessage());
            }
        }
        if (!(value instanceof List<?> list)) {
            throw new NodeFailure("the batch input '" + key + "' is not a list");
        }
        return list;
    }

    private static List<String> prompts(NodeContext context, String key, List<?> items) {
        String template = Prompts.template(context);
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> inputs = new LinkedHashMap<>(context.inputs());
            inputs.put("item", items.get(i));
            inputs.put("index", i);
            prompts.add(Prompts.render(template, inputs, context.variables(), Set.of(key)));
        }
        return prompts;
    }

    private static Batch run(NodeContext context, Person person, List<String> prompts, int limit, boolean failFast)
            throws InterruptedException {
        Semaphore permits = new Semaphore(limit);
        List<Future<LlmResponse>> calls = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        TokenUsage tokens = new TokenUsage(0, 0);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String prompt : prompts) {
                // the permit is taken here, in item order, so calls start in item order
                permits.acquire();
                calls.add(pool.submit(() -> {
                    try {
                        return person.complete(context.llm(), List.of(new LlmMessage("user", prompt)));
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (int i = 0; i < calls.size(); i++) {
                try {
                    LlmResponse response = calls.get(i).get();
                    answers.add(response.text());
                    tokens = tokens.plus(response.usage());
                } catch (ExecutionException e) {
                    String error = e.getCause() == null || e.getCause().getMessage() == null
                            ? String.valueOf(e.getCause()) : e.getCause().getMessage();
                    if (failFast) {
                        pool.shutdownNow();
                        throw new NodeFailure("item " + i + " failed: " + error, e.getCause());
                    }
                    errors.add(Map.of("index", i, "error", error));
                }
            }
        }
        if (!prompts.isEmpty() && errors.size() == prompts.size()) {
            throw new NodeFailure("all " + prompts.size() + " items failed; the first: " + errors.getFirst().get("error"));
        }
        return new Batch(answers, errors, tokens);
    }

    private static LlmResponse summarize(NodeContext context, Person person, String answers, int count)
            throws InterruptedException {
        String template = Fields.string(context.data(), "summary_prompt").orElse(DEFAULT_SUMMARY);
        Map<String, Object> inputs = new LinkedHashMap<>(context.inputs());
        inputs.put("answers", answers);
        inputs.put("count", count);
        String prompt = Values.fill(template, inputs, context.variables());
        if (!Values.placeholderRoots(template).contains("answers")) {
            prompt = prompt + "\n\n" + answers;
        }
        return person.complete(context.llm(), List.of(new LlmMessage("user", prompt)));
    }

    /** The answers of the items that succeeded, in item order, the failures, and the tokens used. */
    private record Batch(List<String> answers, List<Map<String, Object>> errors, TokenUsage tokens) {
    }
}
