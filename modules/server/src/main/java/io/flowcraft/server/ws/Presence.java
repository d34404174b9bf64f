package io.flowcraft.server.ws;

import io.flowcraft.graph.Json;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who has a graph open: on every join, leave or {@code presence} message, each connection of the
 * graph that asked for presence (hello capability {@code presence}) receives
 * {@code presence {"users": [{"connectionId", "name", "editing"}]}}, itself included. Lists of one
 * graph are built and queued one at a time, so a newer list is never overtaken by an older one.
 * Presence is not stored: it is the state of the open connections. Thread-safe.
 */
final class Presence {
    private final Rooms rooms;
    private final Frames frames;
    private final Json json;

    Presence(Rooms rooms, Frames frames, Json json) {
        this.rooms = rooms;
        this.frames = frames;
        this.json = json;
    }

    /**
     * Tells the watchers of {@code c}'s graph the current list (after a join, a leave, a hello
     * asking for presence, or a presence change of {@code c}).
     *
     * @param c the connection whose graph changed
     */
    void changed(Connection c) {
        rooms.withRoom(c.graphId(), connections -> {
            List<Connection> watchers = connections.stream().filter(Connection::watchesPresence).toList();
            if (watchers.isEmpty()) {
                return;
            }
            List<Map<String, Object>> users = new ArrayList<>();
            connections.stream().filter(x -> !x.closing()).sorted(Comparator.comparingLong(Connection::serial))
                    .forEach(x -> users.add(user(x)));
            OutFrame frame = new OutFrame(frames.message("presence", json.write(Map.of("users", users)),
                    Optional.empty()));
            // presence is advisory: a client whose queue is full misses this list, not its connection
            watchers.forEach(w -> w.offer(frame));
        });
    }

    private static Map<String, Object> user(Connection c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connectionId", c.id());
        m.put("name", c.presenceName().orElse(null));
        m.put("editing", c.editing().orElse(null));
        return m;
    }
}
