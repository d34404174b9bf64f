/**
 * Flowcraft bench: a benchmark program (not a test) that measures a server speaking the Flowcraft
 * WebSocket protocol and prints a table. See {@link io.flowcraft.bench.Bench} for its arguments.
 *
 * <p>The server module is only on the module path so that the bench can launch it as a child
 * process; the bench never reads it. The engine is read: {@code engine-10k} runs it in-process.
 * {@code jdk.httpserver} serves the loopback stand-in of an LLM provider ({@code llm-stream}).
 */
module io.flowcraft.bench {
    requires java.net.http;
    requires jdk.httpserver;
    requires jakarta.json;
    requires io.flowcraft.engine;
}
