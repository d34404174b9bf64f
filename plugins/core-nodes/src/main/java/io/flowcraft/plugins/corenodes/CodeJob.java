package io.flowcraft.plugins.corenodes;

import org.pf4j.Extension;

/**
 * {@code code_job}: DiPeO's name for {@link Job}, with the same fields and sandbox.
 */
@Extension
public final class CodeJob extends SandboxedJob {
    /** Creates the executor with this host's sandbox (probed at the first job); PF4J calls this. */
    public CodeJob() {
        super("code_job", "Code job");
    }

    CodeJob(JobRunner runner) {
        super("code_job", "Code job", runner);
    }
}
