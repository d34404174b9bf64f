package io.flowcraft.plugins.brokenctor;

import io.flowcraft.api.Changeset;
import io.flowcraft.api.spi.ActionContext;
import io.flowcraft.api.spi.ActionDescriptor;
import io.flowcraft.api.spi.GraphAction;
import org.pf4j.Extension;

/** An extension whose constructor throws: the host must report it and carry on. */
@Extension
public class BrokenAction implements GraphAction {
    /** Fails on purpose. */
    public BrokenAction() {
        throw new IllegalStateException("this extension cannot be created (test fixture)");
    }

    @Override
    public ActionDescriptor descriptor() {
        throw new IllegalStateException("unreachable");
    }

    @Override
    public Changeset apply(ActionContext context) {
        return Changeset.empty();
    }
}
