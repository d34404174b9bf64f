package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.AsyncNodeExecutor;
import io.flowcraft.api.spi.FieldSpec;
import io.flowcraft.api.spi.FieldType;
import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeResult;
import org.pf4j.Extension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * {@code user_response}: asks the people watching the run a question and outputs their answer,
 * without holding a thread while waiting. When nobody answers in time, outputs
 * {@code default_response} if there is one, else fails. Stateless.
 */
@Extension
public final class UserResponse implements AsyncNodeExecutor {
    private static final long DEFAULT_TIMEOUT = 60;
    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("user_response", "Ask a person",
            "Asks whoever watches the run and outputs the answer.",
            List.of(FieldSpec.required("prompt", FieldType.TEXT,
                            "The question; {{label}} is replaced by that input or variable."),
                    FieldSpec.optional("timeout", FieldType.INTEGER, DEFAULT_TIMEOUT, "Seconds to wait for an answer."),
                    FieldSpec.optional("default_response", FieldType.TEXT, null,
                            "The output when nobody answers in time; without it the node fails.")),
            List.of(), List.of(),
            Map.of("prompt", "Is this summary good enough? {{summary}}", "timeout", 120));

    /** Creates the executor; PF4J calls this. */
    public UserResponse() {
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public CompletionStage<NodeResult> executeAsync(NodeContext context) {
        Map<String, Object> data = context.data();
        String prompt;
        long seconds;
        try {
            prompt = Values.fill(Fields.string(data, "prompt")
                    .orElseThrow(() -> new NodeFailure("the user_response node needs a prompt")),
                    context.inputs(), context.variables());
            seconds = Fields.integer(data, "timeout").orElse(DEFAULT_TIMEOUT);
        } catch (NodeFailure e) {
            return CompletableFuture.failedFuture(e);
        }
        if (seconds <= 0) {
            seconds = DEFAULT_TIMEOUT;
        }
        long wait = seconds;
        Optional<Object> fallback = Optional.ofNullable(data.get("default_response"));
        return context.ask(prompt, Duration.ofSeconds(wait)).handle((answer, failure) -> {
            Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
            if (cause == null) {
                return NodeResult.of(answer instanceof String s ? s.strip() : answer);
            }
            if (cause instanceof TimeoutException) {
                return NodeResult.of(fallback.orElseThrow(
                        () -> new NodeFailure("nobody answered within " + wait + " s")));
            }
            throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        });
    }
}
