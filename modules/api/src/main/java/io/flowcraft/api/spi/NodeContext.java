package io.flowcraft.api.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a node executor sees while it runs one node once: its own fields, its inputs (by edge
 * label or handle), the run's variables and its iteration count; never other nodes' internals.
 * Supplied by the engine; thread-safe. New capabilities arrive as default methods, so executors
 * written against this version keep working.
 */
public interface NodeContext {
    /**
     * The run's id.
     *
     * @return the execution id
     */
    String executionId();

    /**
     * The node's id.
     *
     * @return the node id
     */
    String nodeId();

    /**
     * The node's fields ({@code node.data}), with descriptor defaults filled in.
     *
     * @return the fields (immutable)
     */
    Map<String, Object> data();

    /**
     * The values that arrived on incoming edges, by edge label ({@code default} when unlabeled).
     *
     * @return the inputs (immutable)
     */
    Map<String, Object> inputs();

    /**
     * The run's variables: the start node's {@code custom_data}, the run's inputs, and what nodes
     * that finished before this one set ({@link NodeResult#variables()}).
     *
     * @return the variables (immutable)
     */
    Map<String, Object> variables();

    /**
     * How many times this node has run before in this execution (0 on the first run).
     *
     * @return the iteration count
     */
    int iteration();

    /**
     * The directory file-based nodes resolve relative paths against, and may not leave.
     *
     * @return the base directory
     */
    Path baseDir();

    /**
     * How long this node may run.
     *
     * @return the timeout
     */
    Duration timeout();

    /**
     * Streams partial output (for example LLM tokens) to everyone watching the run.
     *
     * @param text the partial text
     */
    default void progress(String text) {
    }

    /**
     * Whether the run was cancelled; long-running executors check it and stop.
     *
     * @return {@code true} once cancelled
     */
    default boolean cancelled() {
        return Thread.currentThread().isInterrupted();
    }

    /**
     * The node's type id, as written in the diagram.
     *
     * @return the node type
     */
    default String nodeType() {
        return "";
    }

    /**
     * Read-only facts about the run that branching nodes need: iteration counts and which nodes
     * ran. Never other nodes' outputs or internals.
     *
     * @return the run view
     */
    default RunView run() {
        return RunView.EMPTY;
    }

    /**
     * The diagram-level fields ({@code persons} and any others kept beside nodes and edges).
     *
     * @return the diagram fields (immutable)
     */
    default Map<String, Object> diagramFields() {
        return Map.of();
    }

    /**
     * Asks the people watching the run a question and completes with their answer, without
     * holding a thread while waiting. Completes exceptionally with
     * {@link java.util.concurrent.TimeoutException} when nobody answers in time, and with
     * {@link java.util.concurrent.CancellationException} when the run is cancelled.
     *
     * @param prompt  the question
     * @param timeout how long to wait
     * @return the answer
     */
    default CompletionStage<Object> ask(String prompt, Duration timeout) {
        return CompletableFuture.failedFuture(
                new UnsupportedOperationException("this runner cannot ask people questions"));
    }

    /**
     * The host's shared HTTP client (one connection pool for every plugin), for executors that
     * call web services (Notion, …). Callers set their own per-request timeouts.
     *
     * @return the client
     * @throws UnsupportedOperationException if this host gives executors no HTTP client
     */
    default java.net.http.HttpClient http() {
        throw new UnsupportedOperationException("this runner gives executors no HTTP client");
    }

    /**
     * A secret the operator configured for plugins, such as an integration token: configuration
     * {@code flowcraft.secrets.NAME} (YAML, a secrets file, or the environment variable
     * {@code FLOWCRAFT_SECRETS_NAME}). Secrets never belong in logs, errors, events or outputs.
     *
     * @param name the secret's name ({@code notion}, …)
     * @return the secret, if configured
     */
    default java.util.Optional<String> secret(String name) {
        return java.util.Optional.empty();
    }

    /**
     * The host's LLM service, for nodes that talk to LLMs ({@code person_job}, …).
     *
     * @return the gateway
     * @throws UnsupportedOperationException if this host has no LLM service
     */
    default LlmGateway llm() {
        throw new UnsupportedOperationException("this runner has no LLM service");
    }

    /**
     * What the run's people remember (see {@link ConversationMemory}).
     *
     * @return the run's memory
     * @throws UnsupportedOperationException if this host keeps no memory
     */
    default ConversationMemory memory() {
        throw new UnsupportedOperationException("this runner keeps no conversation memory");
    }
}
