package io.flowcraft.engine;

import io.flowcraft.api.spi.AsyncNodeExecutor;
import io.flowcraft.api.spi.FieldSpec;
import io.flowcraft.api.spi.FieldType;
import io.flowcraft.api.spi.HandleSpec;
import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Small executors with the core types' names, so the engine is tested on its own. */
final class TestExecutors {
    /** Start and end times of each {@code wait} node run, in nanoseconds. */
    final List<long[]> spans = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<String> interrupted = new CopyOnWriteArrayList<>();

    ExecutorRegistry registry() {
        return ExecutorRegistry.of(List.of(start(), waitNode(), fail(), condition(), endpoint(), ask(), flaky()));
    }

    static NodeDescriptor descriptor(String type, List<FieldSpec> fields, List<HandleSpec> outputs) {
        return new NodeDescriptor(type, type, "test " + type, fields, List.of(), outputs, Map.of());
    }

    static NodeExecutor executor(NodeDescriptor d, Body body) {
        return new NodeExecutor() {
            @Override
            public NodeDescriptor descriptor() {
                return d;
            }

            @Override
            public NodeResult execute(NodeContext context) throws Exception {
                return body.run(context);
            }
        };
    }

    interface Body {
        NodeResult run(NodeContext context) throws Exception;
    }

    private NodeExecutor start() {
        return executor(descriptor("start", List.of(), List.of()), c -> NodeResult.of(c.variables()));
    }

    /** Waits {@code ms}, outputs {@code value} or its inputs, reports {@code remembers} as its conversation; records its span. */
    private NodeExecutor waitNode() {
        return executor(descriptor("wait", List.of(FieldSpec.optional("ms", FieldType.INTEGER, 0, "sleep"),
                FieldSpec.optional("max_iteration", FieldType.INTEGER, null, "bound")), List.of()), c -> {
            calls.computeIfAbsent(c.nodeId(), k -> new AtomicInteger()).incrementAndGet();
            long t0 = System.nanoTime();
            try {
                Thread.sleep(((Number) c.data().get("ms")).longValue());
            } catch (InterruptedException e) {
                interrupted.add(c.nodeId());
                throw e;
            }
            spans.add(new long[]{t0, System.nanoTime()});
            Object value = c.data().containsKey("value") ? c.data().get("value") : c.inputs();
            NodeResult r = c.data().get("remembers") instanceof List<?> conversation
                    ? new NodeResult(value, Optional.empty(), Optional.empty(), Map.of("conversation", conversation))
                    : NodeResult.of(value);
            return c.data().containsKey("set") ? r.withVariables(Map.of((String) c.data().get("set"), c.iteration() + 1)) : r;
        });
    }

    private NodeExecutor fail() {
        return executor(descriptor("fail", List.of(), List.of()), c -> {
            throw new IllegalStateException("boom at " + c.nodeId());
        });
    }

    /** Fails the first {@code failures} times it is called, then outputs "ok". */
    private NodeExecutor flaky() {
        return executor(descriptor("flaky", List.of(FieldSpec.required("failures", FieldType.INTEGER, "how many")),
                List.of()), c -> {
            int n = calls.computeIfAbsent(c.nodeId(), k -> new AtomicInteger()).incrementAndGet();
            if (n <= ((Number) c.data().get("failures")).intValue()) {
                throw new IllegalStateException("flaky failure " + n);
            }
            return NodeResult.of("ok after " + n);
        });
    }

    /** detect_max_iterations, or {@code variable}: true when that variable is true. */
    private NodeExecutor condition() {
        return executor(descriptor("condition", List.of(FieldSpec.optional("condition_type", FieldType.STRING,
                        "variable", "kind")),
                List.of(new HandleSpec("condtrue", "true"), new HandleSpec("condfalse", "false"))), c -> {
            boolean value = switch ((String) c.data().get("condition_type")) {
                case "detect_max_iterations" -> c.run().loopExhausted();
                default -> Boolean.TRUE.equals(c.variables().get(c.data().get("variable")));
            };
            Object pass = c.inputs().size() == 1 ? c.inputs().values().iterator().next() : c.inputs();
            return NodeResult.branch(pass, value ? "condtrue" : "condfalse");
        });
    }

    private NodeExecutor endpoint() {
        return executor(descriptor("endpoint", List.of(), List.of()),
                c -> NodeResult.of(c.inputs().size() == 1 ? c.inputs().values().iterator().next() : c.inputs()));
    }

    private NodeExecutor ask() {
        NodeDescriptor d = descriptor("user_response", List.of(FieldSpec.required("prompt", FieldType.TEXT, "q"),
                FieldSpec.optional("timeout", FieldType.INTEGER, 60, "s")), List.of());
        return new AsyncNodeExecutor() {
            @Override
            public NodeDescriptor descriptor() {
                return d;
            }

            @Override
            public CompletionStage<NodeResult> executeAsync(NodeContext c) {
                Duration wait = Duration.ofMillis(((Number) c.data().get("timeout")).longValue());
                return c.ask((String) c.data().get("prompt"), wait).handle((answer, ex) -> {
                    if (ex == null) {
                        return NodeResult.of(answer);
                    }
                    Throwable cause = ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null
                            ? ex.getCause() : ex;
                    if (cause instanceof TimeoutException && c.data().containsKey("default_response")) {
                        return NodeResult.of(c.data().get("default_response"));
                    }
                    throw new java.util.concurrent.CompletionException(cause);
                });
            }
        };
    }
}
