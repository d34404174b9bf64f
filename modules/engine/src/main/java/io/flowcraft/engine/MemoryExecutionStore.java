package io.flowcraft.engine;


import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Execution records in memory. */
final class MemoryExecutionStore implements ExecutionStore {
    private final ConcurrentHashMap<String, ExecutionRecord> records = new ConcurrentHashMap<>();

    @Override
    public void save(ExecutionRecord record) {
        records.put(record.id(), record);
    }

    @Override
    public Optional<ExecutionRecord> find(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public List<ExecutionRecord> list(Optional<String> graphId, int limit) {
        List<ExecutionRecord> all = new ArrayList<>(records.values());
        all.removeIf(r -> graphId.isPresent() && !graphId.get().equals(r.graphId()));
        all.sort(Comparator.comparing(ExecutionRecord::startedAt).reversed());
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    @Override
    public int failUnfinished() {
        int[] count = {0};
        records.replaceAll((id, r) -> {
            if (r.status().terminal()) {
                return r;
            }
            count[0]++;
            return SqliteExecutionStore.interrupted(r);
        });
        return count[0];
    }

    @Override
    public void close() {
    }

}
