package io.flowcraft.plugins.corenodes;

import org.pf4j.Extension;

/**
 * {@code job}: runs Python, JavaScript or Bash code in a sandbox (see {@link CodeJob} for the same
 * node under DiPeO's name).
 */
@Extension
public final class Job extends SandboxedJob {
    /** Creates the executor with this host's sandbox (probed at the first job); PF4J calls this. */
    public Job() {
        super("job", "Job");
    }

    Job(JobRunner runner) {
        super("job", "Job", runner);
    }
}
