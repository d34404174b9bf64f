package io.flowcraft.server.ws;

import io.flowcraft.api.Graph;
import io.flowcraft.api.protocol.ClientMessage;
import io.flowcraft.api.protocol.ErrorCode;
import io.flowcraft.api.protocol.Problem;
import io.flowcraft.engine.ControlResult;
import io.flowcraft.engine.DiagramDocuments;
import io.flowcraft.engine.Engine;
import io.flowcraft.engine.ExecutionRecord;
import io.flowcraft.engine.ExecutionRequest;
import io.flowcraft.engine.StartResult;
import io.flowcraft.graph.GraphIds;
import io.flowcraft.graph.GraphState;
import io.flowcraft.graph.GraphStore;
import io.flowcraft.graph.Json;
import io.flowcraft.server.security.ExecutionLimits;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Handles the execution messages: {@code execute_diagram}, {@code pause_execution},
 * {@code resume_execution}, {@code cancel_execution}, {@code user_response} and
 * {@code broadcast_event}. A run's events reach the clients through {@link ExecutionRelay}; errors
 * go to the sender only. A client may control only the runs of the graph it has open.
 */
final class ExecutionHandler {
    private static final System.Logger LOG = System.getLogger(ExecutionHandler.class.getName());

    private final Engine engine;
    private final GraphStore store;
    private final ExecutionRelay relay;
    private final Rooms rooms;
    private final Frames frames;
    private final Json json;
    private final ExecutionLimits limits;

    ExecutionHandler(Engine engine, GraphStore store, ExecutionRelay relay, Rooms rooms, Frames frames, Json json,
                     ExecutionLimits limits) {
        this.limits = limits;
        this.engine = engine;
        this.store = store;
        this.relay = relay;
        this.rooms = rooms;
        this.frames = frames;
        this.json = json;
    }

    void execute(Connection c, ClientMessage.ExecuteDiagram m, Optional<String> correlationId) {
        List<Problem> optionProblems = new ArrayList<>();
        ExecutionRequest.Options options = ExecutionRequest.Options.fromJson(m.options(), optionProblems);
        if (!optionProblems.isEmpty()) {
            c.send(frames.error(ErrorCode.INVALID_MESSAGE, optionProblems.getFirst().message(),
                    Map.of("field", "payload.options." + optionProblems.getFirst().id()), correlationId));
            return;
        }
        String graphId = m.graphId().orElse(c.graphId());
        if (!GraphIds.isValid(graphId)) {
            c.send(frames.error(ErrorCode.INVALID_GRAPH_ID, "graph id '" + graphId + "' is not valid: use 1 to 64 "
                    + "letters, digits, '_' or '-'", Map.of("field", "payload.graphId"), correlationId));
            return;
        }
        Graph diagram;
        OptionalLong version;
        if (m.diagram().isPresent()) {
            switch (DiagramDocuments.read(m.diagram().get())) {
                case DiagramDocuments.Invalid invalid -> {
                    invalidDiagram(c, invalid.problems(), correlationId);
                    return;
                }
                case DiagramDocuments.Ok ok -> diagram = ok.graph();
            }
            version = OptionalLong.empty();
        } else {
            if (!graphId.equals(c.graphId()) && !store.exists(graphId)) {
                c.send(frames.error(ErrorCode.INVALID_DIAGRAM, "there is no graph '" + graphId + "' to run",
                        Map.of("field", "payload.graphId"), correlationId));
                return;
            }
            GraphState state = store.current(graphId);
            diagram = state.graph();
            version = OptionalLong.of(state.version());
        }
        // an inline diagram is watched by the sender's graph; a stored one by its own graph's clients
        String room = m.diagram().isPresent() ? c.graphId() : graphId;
        ExecutionRequest request = new ExecutionRequest(room, version, diagram, m.inputs(), options);
        Runnable release;
        switch (limits.start(room)) {
            case ExecutionLimits.Start.Refused refused -> {
                c.send(frames.error(refused.refusal().code(), refused.refusal().message(), refused.refusal().details(),
                        correlationId));
                return;
            }
            case ExecutionLimits.Start.Granted granted -> release = granted.release();
        }
        StartResult result;
        try {
            result = relay.answering(correlationId, () -> engine.start(request));
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        switch (result) {
            case StartResult.Started started -> {
                started.completion().whenComplete((end, failure) -> release.run());
                LOG.log(Level.INFO, "connection " + c.id() + " started execution " + started.executionId()
                        + " of graph " + room + (version.isPresent() ? " v" + version.getAsLong() : " (inline)"));
                if (!room.equals(c.graphId())) {
                    // the sender watches another graph: it still learns the id of the run it asked for
                    c.send(frames.message("execution_started", json.write(Map.of("executionId",
                            started.executionId(), "graphId", room, "version", version.isPresent()
                                    ? version.getAsLong() : -1)), correlationId));
                }
            }
            case StartResult.Rejected rejected -> {
                release.run();
                invalidDiagram(c, rejected.problems(), correlationId);
            }
        }
    }

    private void invalidDiagram(Connection c, List<Problem> problems, Optional<String> correlationId) {
        LOG.log(Level.INFO, "connection " + c.id() + ": invalid diagram: " + problems.size() + " problem(s)");
        c.send(frames.error(ErrorCode.INVALID_DIAGRAM, "the diagram cannot run (" + problems.size() + " problem"
                        + (problems.size() == 1 ? "" : "s") + "): " + problems.getFirst().message()
                        + (problems.size() > 1 ? "; …" : ""), Frames.problemDetails(problems), correlationId));
    }

    void control(Connection c, ClientMessage.ControlExecution m, Optional<String> correlationId) {
        if (!visible(c, m.executionId(), correlationId)) {
            return;
        }
        ControlResult r = relay.answering(correlationId, () -> switch (m.command()) {
            case PAUSE -> engine.pause(m.executionId());
            case RESUME -> engine.resume(m.executionId());
            case CANCEL -> engine.cancel(m.executionId(), "cancelled by " + c.id());
        });
        answer(c, r, m.executionId(), Optional.empty(), correlationId);
    }

    void respond(Connection c, ClientMessage.UserResponse m, Optional<String> correlationId) {
        if (!visible(c, m.executionId(), correlationId)) {
            return;
        }
        ControlResult r = relay.answering(correlationId, () -> engine.respond(m.executionId(), m.nodeId(), m.response()));
        answer(c, r, m.executionId(), Optional.of(m.nodeId()), correlationId);
    }

    void broadcast(Connection c, ClientMessage.BroadcastEvent m, Optional<String> correlationId) {
        rooms.broadcast(c.graphId(), new OutFrame(frames.message("broadcast_event", json.write(m.payload()),
                correlationId)));
    }

    /** Sends the state of each run of the connection's graph (a client joining mid-run). */
    void joined(Connection c) {
        for (ExecutionRecord r : engine.running(c.graphId())) {
            c.send(relay.state(r));
        }
    }

    private boolean visible(Connection c, String executionId, Optional<String> correlationId) {
        Optional<ExecutionRecord> record = engine.execution(executionId);
        if (record.isEmpty() || !record.get().graphId().equals(c.graphId())) {
            c.send(frames.error(ErrorCode.UNKNOWN_EXECUTION, "no execution '" + executionId + "' on graph '"
                    + c.graphId() + "'", Map.of("executionId", executionId), correlationId));
            return false;
        }
        return true;
    }

    private void answer(Connection c, ControlResult r, String executionId, Optional<String> nodeId,
                        Optional<String> correlationId) {
        switch (r) {
            case DONE -> {
            }
            case UNKNOWN_EXECUTION -> c.send(frames.error(ErrorCode.UNKNOWN_EXECUTION, "no execution '" + executionId
                    + "'", Map.of("executionId", executionId), correlationId));
            case ALREADY_ENDED -> c.send(frames.error(ErrorCode.EXECUTION_ENDED, "execution '" + executionId
                    + "' has already ended", Map.of("executionId", executionId), correlationId));
            case NOT_WAITING -> c.send(frames.error(ErrorCode.NOT_WAITING, "node '" + nodeId.orElse("")
                    + "' of execution '" + executionId + "' is not waiting for an answer",
                    Map.of("executionId", executionId, "nodeId", nodeId.orElse("")), correlationId));
        }
    }
}
