package io.flowcraft.engine;

import io.flowcraft.api.JsonValues;
import io.flowcraft.api.execution.ExecutionStatus;
import io.flowcraft.api.execution.NodeStatus;
import io.flowcraft.api.spi.MemoryMessage;
import io.flowcraft.api.spi.TokenUsage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What is known of one execution: while it runs (a snapshot, which late joiners receive) and
 * after it ended (as recorded in the store).
 *
 * @param id        the execution id
 * @param graphId   the graph it ran
 * @param version   the graph version; empty for an inline diagram
 * @param status    where it is
 * @param startedAt when it started
 * @param endedAt   when it ended, once it has
 * @param durationMs how long it ran (so far)
 * @param error     why it failed or was cancelled
 * @param outputs   its outputs by node id, once completed
 * @param tokens    LLM tokens used
 * @param nodes     per node: status, runs, last output, error, time spent
 * @param prompts   questions waiting for an answer
 * @param conversations what each person of the diagram said and heard, oldest message first
 */
public record ExecutionRecord(String id, String graphId, OptionalLong version, ExecutionStatus status,
                              Instant startedAt, Optional<Instant> endedAt, long durationMs, Optional<String> error,
                              Map<String, Object> outputs, TokenUsage tokens, Map<String, NodeRecord> nodes,
                              List<PendingPrompt> prompts, Map<String, List<MemoryMessage>> conversations) {
    /** Checks and freezes the components. */
    public ExecutionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(graphId, "graphId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(error, "error");
        outputs = JsonValues.freezeObject(outputs);
        Objects.requireNonNull(tokens, "tokens");
        nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        prompts = List.copyOf(prompts);
        Map<String, List<MemoryMessage>> copy = new LinkedHashMap<>();
        conversations.forEach((person, messages) -> copy.put(person, List.copyOf(messages)));
        conversations = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * A record without conversations.
     *
     * @param id         the execution id
     * @param graphId    the graph it ran
     * @param version    the graph version
     * @param status     where it is
     * @param startedAt  when it started
     * @param endedAt    when it ended
     * @param durationMs how long it ran
     * @param error      why it failed
     * @param outputs    its outputs
     * @param tokens     LLM tokens used
     * @param nodes      per node
     * @param prompts    questions waiting
     */
    public ExecutionRecord(String id, String graphId, OptionalLong version, ExecutionStatus status,
                           Instant startedAt, Optional<Instant> endedAt, long durationMs, Optional<String> error,
                           Map<String, Object> outputs, TokenUsage tokens, Map<String, NodeRecord> nodes,
                           List<PendingPrompt> prompts) {
        this(id, graphId, version, status, startedAt, endedAt, durationMs, error, outputs, tokens, nodes, prompts,
                Map.of());
    }

    /**
     * One node's part of a run.
     *
     * @param status     where it is
     * @param runs       how many times it completed
     * @param output     its last output
     * @param error      why it failed
     * @param durationMs time spent running it, over all its runs
     * @param tokens     LLM tokens (and their cost) it used over all its runs, if it called a model
     */
    public record NodeRecord(NodeStatus status, int runs, Object output, Optional<String> error, long durationMs,
                             Optional<TokenUsage> tokens) {
        /** Freezes the output. */
        public NodeRecord {
            Objects.requireNonNull(status, "status");
            output = JsonValues.freeze(output);
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(tokens, "tokens");
        }

        /**
         * A node that used no LLM tokens.
         *
         * @param status     where it is
         * @param runs       how many times it completed
         * @param output     its last output
         * @param error      why it failed
         * @param durationMs time spent running it
         */
        public NodeRecord(NodeStatus status, int runs, Object output, Optional<String> error, long durationMs) {
            this(status, runs, output, error, durationMs, Optional.empty());
        }
    }

    /**
     * Tokens as JSON: {@code {"input":…,"output":…}} plus {@code "costUsd"} when the cost is known.
     *
     * @param t the tokens
     * @return a JSON object of plain Java values
     */
    public static Map<String, Object> tokensJson(TokenUsage t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", t.input());
        m.put("output", t.output());
        t.costUsd().ifPresent(c -> m.put("costUsd", c));
        return m;
    }

    private static TokenUsage tokensFromJson(Map<?, ?> m) {
        TokenUsage t = new TokenUsage(((Number) m.get("input")).longValue(), ((Number) m.get("output")).longValue());
        return m.get("costUsd") instanceof Number c ? t.withCost(c.doubleValue()) : t;
    }

    /**
     * A question a {@code user_response} node waits on.
     *
     * @param nodeId         the node
     * @param prompt         the question
     * @param timeoutSeconds how long it waits in all
     */
    public record PendingPrompt(String nodeId, String prompt, long timeoutSeconds) {
    }

    /**
     * The record as a JSON object (for HTTP responses, the store and late joiners).
     *
     * @return a JSON object of plain Java values
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("executionId", id);
        m.put("graphId", graphId);
        m.put("version", version.isPresent() ? version.getAsLong() : null);
        m.put("status", status.wire());
        m.put("startedAt", startedAt.toString());
        m.put("endedAt", endedAt.map(Instant::toString).orElse(null));
        m.put("durationMs", durationMs);
        m.put("error", error.orElse(null));
        m.put("outputs", outputs);
        m.put("tokens", tokensJson(tokens));
        Map<String, Object> ns = new LinkedHashMap<>();
        nodes.forEach((nodeId, r) -> {
            Map<String, Object> nm = new LinkedHashMap<>();
            nm.put("status", r.status().wire());
            nm.put("runs", r.runs());
            nm.put("output", r.output());
            nm.put("error", r.error().orElse(null));
            nm.put("durationMs", r.durationMs());
            r.tokens().ifPresent(t -> nm.put("tokens", tokensJson(t)));
            ns.put(nodeId, nm);
        });
        m.put("nodes", ns);
        List<Object> ps = new ArrayList<>();
        for (PendingPrompt p : prompts) {
            ps.add(Map.of("nodeId", p.nodeId(), "prompt", p.prompt(), "timeoutSeconds", p.timeoutSeconds()));
        }
        m.put("prompts", ps);
        Map<String, Object> cs = new LinkedHashMap<>();
        conversations.forEach((person, messages) -> cs.put(person, messages.stream().map(msg -> {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("role", msg.role());
            mm.put("content", msg.content());
            mm.put("nodeId", msg.nodeId());
            mm.put("iteration", msg.iteration());
            mm.put("person", msg.person());
            return (Object) mm;
        }).toList()));
        m.put("conversations", cs);
        return m;
    }

    private static Map<String, List<MemoryMessage>> conversations(Object raw) {
        Map<String, List<MemoryMessage>> out = new LinkedHashMap<>();
        if (raw instanceof Map<?, ?> cs) {
            cs.forEach((person, messages) -> out.put((String) person, ((List<?>) messages).stream().map(x -> {
                Map<?, ?> mm = (Map<?, ?>) x;
                Object speaker = mm.get("person"); // records written before speakers were kept: the owner
                return new MemoryMessage((String) mm.get("role"), (String) mm.get("content"), (String) mm.get("nodeId"),
                        ((Number) mm.get("iteration")).intValue(), speaker == null ? (String) person : (String) speaker);
            }).toList()));
        }
        return out;
    }

    /**
     * Reads a record written by {@link #toJson()}.
     *
     * @param m the JSON object
     * @return the record
     * @throws IllegalArgumentException when a field is missing or ill-typed
     */
    static ExecutionRecord fromJson(Map<String, Object> m) {
        try {
            Map<String, NodeRecord> nodes = new LinkedHashMap<>();
            if (m.get("nodes") instanceof Map<?, ?> ns) {
                ns.forEach((k, v) -> {
                    Map<?, ?> nm = (Map<?, ?>) v;
                    nodes.put((String) k, new NodeRecord(NodeStatus.valueOf(((String) nm.get("status")).toUpperCase()),
                            ((Number) nm.get("runs")).intValue(), nm.get("output"),
                            Optional.ofNullable((String) nm.get("error")), ((Number) nm.get("durationMs")).longValue(),
                            nm.get("tokens") instanceof Map<?, ?> t ? Optional.of(tokensFromJson(t)) : Optional.empty()));
                });
            }
            Map<?, ?> tokens = (Map<?, ?>) m.get("tokens");
            @SuppressWarnings("unchecked")
            Map<String, Object> outputs = (Map<String, Object>) m.get("outputs");
            return new ExecutionRecord((String) m.get("executionId"), (String) m.get("graphId"),
                    m.get("version") instanceof Number v ? OptionalLong.of(v.longValue()) : OptionalLong.empty(),
                    ExecutionStatus.valueOf(((String) m.get("status")).toUpperCase()),
                    Instant.parse((String) m.get("startedAt")),
                    Optional.ofNullable((String) m.get("endedAt")).map(Instant::parse),
                    ((Number) m.get("durationMs")).longValue(), Optional.ofNullable((String) m.get("error")),
                    outputs == null ? Map.of() : outputs,
                    tokensFromJson(tokens),
                    nodes, List.of(), conversations(m.get("conversations")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable execution record: " + e.getMessage(), e);
        }
    }
}
