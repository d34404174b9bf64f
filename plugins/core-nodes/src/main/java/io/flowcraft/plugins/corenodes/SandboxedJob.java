package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;

import java.util.function.Supplier;

/**
 * A code job under one of its names ({@code job}, {@code code_job}): the same fields and sandbox.
 * Stateless; safe to call concurrently. Cancellation (an interrupt) kills the job's whole process tree.
 */
abstract class SandboxedJob implements NodeExecutor {
    private final NodeDescriptor descriptor;
    private final Supplier<JobRunner> runner;

    SandboxedJob(String type, String title, JobRunner runner) {
        this(type, title, () -> runner);
    }

    /**
     * With this host's sandbox and interpreters, found when the first job runs: probing them starts
     * a child process, which a server start (that loads this plugin) should not wait for.
     */
    SandboxedJob(String type, String title) {
        this(type, title, () -> HostRunner.RUNNER);
    }

    private SandboxedJob(String type, String title, Supplier<JobRunner> runner) {
        this.descriptor = JobRunner.descriptor(type, title);
        this.runner = runner;
    }

    @Override
    public final NodeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final NodeResult execute(NodeContext context) throws Exception {
        return runner.get().run(context);
    }

    /** Lazy holder: the host is probed when the first job runs, not when the plugin loads. */
    private static final class HostRunner {
        static final JobRunner RUNNER = new JobRunner(Isolation.host(), Interpreters.host());
    }
}
