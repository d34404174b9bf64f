package io.flowcraft.engine;

import java.util.List;
import java.util.function.Consumer;

/** The fan-out behind {@link RunObserver#all} and {@link LlmService.Observer#all}. */
final class Observers {
    private Observers() {
    }

    /**
     * Tells every observer, even when one throws; rethrows the first failure (later ones suppressed)
     * once all were told.
     */
    static <T> void tellEach(List<T> observers, Consumer<T> tell) {
        RuntimeException first = null;
        for (T observer : observers) {
            try {
                tell.accept(observer);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
