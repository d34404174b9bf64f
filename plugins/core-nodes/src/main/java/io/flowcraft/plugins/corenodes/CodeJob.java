package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;
import org.pf4j.Extension;

/**
 * {@code code_job}: DiPeO's name for {@link Job}, with the same fields and sandbox. Stateless; safe
 * to call concurrently. Cancellation (an interrupt) kills the job's whole process tree.
 */
@Extension
public final class CodeJob implements NodeExecutor {
    private static final NodeDescriptor DESCRIPTOR = JobRunner.descriptor("code_job", "Code job");

    private final JobRunner runner;

    /** Creates the executor with this host's sandbox; PF4J calls this. */
    public CodeJob() {
        this(new JobRunner(Isolation.host(), Interpreters.host()));
    }

    CodeJob(JobRunner runner) {
        this.runner = runner;
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeResult execute(NodeContext context) throws Exception {
        return runner.run(context);
    }
}
