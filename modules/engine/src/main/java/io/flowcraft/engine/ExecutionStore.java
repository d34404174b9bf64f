package io.flowcraft.engine;

import java.util.List;
import java.util.Optional;

/**
 * Where execution records live. The engine writes a record when a run starts and when it ends;
 * reads come from HTTP and the CLI.
 */
public interface ExecutionStore extends AutoCloseable {
    /**
     * Stores a record, replacing the one with the same id.
     *
     * @param record the record
     */
    void save(ExecutionRecord record);

    /**
     * One record.
     *
     * @param id the execution id
     * @return the record, if stored
     */
    Optional<ExecutionRecord> find(String id);

    /**
     * The newest records first.
     *
     * @param graphId only this graph's runs, or all when empty
     * @param limit   at most this many
     * @return the records
     */
    List<ExecutionRecord> list(Optional<String> graphId, int limit);

    /**
     * Marks runs that were still going when the process stopped as failed, so nobody waits on them.
     *
     * @return how many were marked
     */
    int failUnfinished();

    @Override
    void close();

    /**
     * A store that keeps records in memory only (the command-line runner, tests).
     *
     * @return the store
     */
    static ExecutionStore inMemory() {
        return new MemoryExecutionStore();
    }
}
