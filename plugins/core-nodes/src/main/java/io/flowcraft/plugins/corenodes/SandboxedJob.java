package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;

/**
 * A code job under one of its names ({@code job}, {@code code_job}): the same fields and sandbox.
 * Stateless; safe to call concurrently. Cancellation (an interrupt) kills the job's whole process tree.
 */
abstract class SandboxedJob implements NodeExecutor {
    private final NodeDescriptor descriptor;
    private final JobRunner runner;

    SandboxedJob(String type, String title, JobRunner runner) {
        this.descriptor = JobRunner.descriptor(type, title);
        this.runner = runner;
    }

    /** This host's sandbox and interpreters. */
    static JobRunner hostRunner() {
        return new JobRunner(Isolation.host(), Interpreters.host());
    }

    @Override
    public final NodeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final NodeResult execute(NodeContext context) throws Exception {
        return runner.run(context);
    }
}
