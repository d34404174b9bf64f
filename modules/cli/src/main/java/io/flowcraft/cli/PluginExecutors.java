package io.flowcraft.cli;

import io.flowcraft.api.spi.AsyncNodeExecutor;
import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;
import io.flowcraft.engine.ExecutorRegistry;
import io.flowcraft.plugins.PluginHost;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * The engine's executors, from the plugins loaded by the host. Each call into a plugin runs with
 * the plugin's class loader as the thread's context class loader, as libraries inside plugins
 * expect. (The same wiring as the server's; see the report about sharing it.)
 */
final class PluginExecutors implements ExecutorRegistry {
    private final PluginHost plugins;

    PluginExecutors(PluginHost plugins) {
        this.plugins = plugins;
    }

    @Override
    public Optional<NodeExecutor> find(String type) {
        String wanted = type.toLowerCase(Locale.ROOT);
        for (NodeExecutor e : plugins.nodeExecutors()) {
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
