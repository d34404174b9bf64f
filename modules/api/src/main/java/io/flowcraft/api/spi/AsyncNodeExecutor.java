package io.flowcraft.api.spi;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * A node executor that waits without holding a thread (for a person's answer, a webhook, a
 * timer). The engine calls {@link #executeAsync} and continues when the stage completes.
 */
public interface AsyncNodeExecutor extends NodeExecutor {
    /**
     * Starts the node's work and returns at once.
     *
     * @param context the node's fields, inputs, variables and services
     * @return the result, when it is ready
     */
    CompletionStage<NodeResult> executeAsync(NodeContext context);

    /**
     * Blocks on {@link #executeAsync}, for callers that want a plain call.
     *
     * @param context the node's context
     * @return the result
     * @throws Exception the failure the stage completed with
     */
    @Override
    default NodeResult execute(NodeContext context) throws Exception {
        try {
            return executeAsync(context).toCompletableFuture().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
