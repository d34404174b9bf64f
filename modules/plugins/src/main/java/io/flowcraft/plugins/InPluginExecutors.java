package io.flowcraft.plugins;

import io.flowcraft.api.spi.AsyncNodeExecutor;
import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Callable;

/**
 * Node executors as callers should use them: each call into a plugin runs with the plugin's class
 * loader as the thread's context class loader, as libraries inside plugins expect. Wrappers of the
 * same executor are equal.
 */
final class InPluginExecutors {
    private InPluginExecutors() {
    }

    static Optional<NodeExecutor> find(List<NodeExecutor> executors, String type) {
        String wanted = type.toLowerCase(Locale.ROOT);
        for (NodeExecutor e : executors) {
            if (e.descriptor().type().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(e instanceof AsyncNodeExecutor async ? new Async(async) : new Sync(e));
            }
        }
        return Optional.empty();
    }

    private static <T> T inPlugin(Object extension, Callable<T> work) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(extension.getClass().getClassLoader());
        try {
            return work.call();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private record Sync(NodeExecutor delegate) implements NodeExecutor {
        @Override
        public NodeDescriptor descriptor() {
            return delegate.descriptor();
        }

        @Override
        public NodeResult execute(NodeContext context) throws Exception {
            return inPlugin(delegate, () -> delegate.execute(context));
        }
    }

    private record Async(AsyncNodeExecutor delegate) implements AsyncNodeExecutor {
        @Override
        public NodeDescriptor descriptor() {
            return delegate.descriptor();
        }

        @Override
        public CompletionStage<NodeResult> executeAsync(NodeContext context) {
            try {
                return inPlugin(delegate, () -> delegate.executeAsync(context));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
