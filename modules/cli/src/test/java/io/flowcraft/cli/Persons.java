package io.flowcraft.cli;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Deterministic answers for the OpenAI stand-in that show how values travel through a diagram: a
 * person (recognised by a word of its system prompt, else {@code Assistant}) answers
 * {@code "<Person> turn <n>"}, followed by {@code " on: <context>"} when the prompt carries a
 * context paragraph after its first blank line (what the previous node handed on). Each person's
 * turns are numbered in the order its requests arrive, which a diagram makes sequential.
 */
final class Persons implements Function<OpenAiStandIn.Call, String> {
    private final Map<String, String> byMarker;
    private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();

    private Persons(Map<String, String> byMarker) {
        this.byMarker = Map.copyOf(byMarker);
    }

    /**
     * @param byMarker a word of a system prompt → the person's name
     * @return the answers
     */
    static Persons recognisedBy(Map<String, String> byMarker) {
        return new Persons(byMarker);
    }

    @Override
    public String apply(OpenAiStandIn.Call call) {
        String person = byMarker.entrySet().stream().filter(e -> call.system().contains(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse("Assistant");
        int turn = turns.computeIfAbsent(person, p -> new AtomicInteger()).incrementAndGet();
        String prompt = call.prompt();
        int context = prompt.indexOf("\n\n");
        return person + " turn " + turn + (context < 0 ? "" : " on: " + prompt.substring(context + 2).strip());
    }
}
