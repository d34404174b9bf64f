package io.flowcraft.engine;

import io.flowcraft.api.Graph;
import io.flowcraft.api.execution.ExecutionEvent;
import io.flowcraft.api.spi.KeyCheck;
import io.flowcraft.api.spi.LlmCallException;
import io.flowcraft.api.spi.LlmContext;
import io.flowcraft.api.spi.LlmMessage;
import io.flowcraft.api.spi.LlmProvider;
import io.flowcraft.api.spi.LlmRequest;
import io.flowcraft.api.spi.LlmResponse;
import io.flowcraft.api.spi.MemoryMessage;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;
import io.flowcraft.api.spi.ProviderDescriptor;
import io.flowcraft.api.spi.TokenUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.flowcraft.engine.Diagrams.diagram;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LLM service: provider by id or alias, key and base-URL resolution (key id, configuration,
 * the SDK's environment variable), errors without keys, the response cache, and what a node sees
 * through its context (streamed tokens as progress, memory kept in the run's record).
 */
class LlmServiceTest {
    private static final String KEY = "sk-secret-0123456789";

    @TempDir
    Path dir;

    /** A provider that answers by echoing, remembering what it was given. */
    static final class EchoProvider implements LlmProvider {
        final List<String> keys = new CopyOnWriteArrayList<>();
        final List<Optional<String>> baseUrls = new CopyOnWriteArrayList<>();
        volatile String failWith;

        @Override
        public ProviderDescriptor descriptor() {
            return new ProviderDescriptor("openai", List.of("gpt"), "OpenAI", true, List.of("m1"),
                    Optional.of("OPENAI_API_KEY"), Optional.of("OPENAI_BASE_URL"));
        }

        @Override
        public LlmResponse complete(LlmRequest request, LlmContext context) {
            keys.add(context.apiKey().orElse("<none>"));
            baseUrls.add(context.config("base-url"));
            if (failWith != null) {
                throw new IllegalStateException(failWith);
            }
            String last = request.messages().getLast().content();
            context.onToken("echo: ");
            context.onToken(last);
            return new LlmResponse("echo: " + last, new TokenUsage(10, 2), request.model());
        }

        @Override
        public KeyCheck checkKey(LlmContext context) {
            return new KeyCheck(KeyCheck.Outcome.ACCEPTED, "key " + context.apiKey().orElse("?") + " accepted");
        }
    }

    private static LlmRequest ask(String text, Optional<String> keyId) {
        return new LlmRequest("m1", Optional.empty(), List.of(new LlmMessage("user", text)), OptionalDouble.empty(),
                OptionalInt.empty(), keyId);
    }

    private static LlmSettings settings(Map<String, String> keys, Map<String, String> openai, Map<String, String> env,
                                        boolean cache) {
        return new LlmSettings(id -> Optional.ofNullable(keys.get(id)),
                (provider, k) -> provider.equals("openai") ? Optional.ofNullable(openai.get(k)) : Optional.empty(),
                name -> Optional.ofNullable(env.get(name)), Duration.ofSeconds(5), cache, Duration.ofMinutes(1), 100);
    }

    @Test
    void keysComeFromTheKeyIdThenConfigurationThenTheSdkVariable() throws Exception {
        EchoProvider p = new EchoProvider();
        LlmService env = new LlmService(() -> List.of(p), settings(Map.of("team", "k-team"), Map.of(),
                Map.of("OPENAI_API_KEY", "k-env", "OPENAI_BASE_URL", "http://127.0.0.1:9/v1"), false),
                HttpClient.newHttpClient());
        env.complete("openai", ask("a", Optional.empty()), t -> { });
        env.complete("GPT", ask("b", Optional.of("team")), t -> { });
        assertEquals(List.of("k-env", "k-team"), p.keys, "the alias finds the provider; a key id wins");
        assertEquals(Optional.of("http://127.0.0.1:9/v1"), p.baseUrls.getFirst(), "base URL from OPENAI_BASE_URL");

        LlmService configured = new LlmService(() -> List.of(p), settings(Map.of(),
                Map.of("api-key", "k-config", "base-url", "http://proxy/v1"), Map.of("OPENAI_API_KEY", "k-env"), false),
                HttpClient.newHttpClient());
        configured.complete("openai", ask("c", Optional.empty()), t -> { });
        assertEquals("k-config", p.keys.getLast(), "configuration beats the environment");
        assertEquals(Optional.of("http://proxy/v1"), p.baseUrls.getLast());

        configured.complete("openai", ask("d", Optional.of("nope")), t -> { });
        assertEquals("k-config", p.keys.getLast(), "a key id that names no key falls back to the default key");

        LlmService keyless = new LlmService(() -> List.of(p), settings(Map.of(), Map.of(), Map.of(), false),
                HttpClient.newHttpClient());
        LlmCallException unknownId = assertThrows(LlmCallException.class,
                () -> keyless.complete("openai", ask("d", Optional.of("nope")), t -> { }));
        assertTrue(unknownId.getMessage().contains("flowcraft.llm.keys.nope")
                && unknownId.getMessage().contains("OPENAI_API_KEY"), unknownId.getMessage());
    }

    @Test
    void errorsNameWhatToFixAndNeverTheKey() {
        EchoProvider p = new EchoProvider();
        LlmService none = new LlmService(() -> List.of(p), settings(Map.of(), Map.of(), Map.of(), false),
                HttpClient.newHttpClient());
        LlmCallException missing = assertThrows(LlmCallException.class,
                () -> none.complete("openai", ask("x", Optional.empty()), t -> { }));
        assertTrue(missing.getMessage().contains("OPENAI_API_KEY"), missing.getMessage());
        assertEquals(KeyCheck.Outcome.MISSING, none.checkKey("openai").orElseThrow().outcome());

        LlmCallException unknown = assertThrows(LlmCallException.class,
                () -> none.complete("mistral", ask("x", Optional.empty()), t -> { }));
        assertTrue(unknown.getMessage().contains("'mistral'") && unknown.getMessage().contains("openai"),
                unknown.getMessage());

        LlmService keyed = new LlmService(() -> List.of(p), settings(Map.of(), Map.of(),
                Map.of("OPENAI_API_KEY", KEY), false), HttpClient.newHttpClient());
        p.failWith = "401 Incorrect API key provided: " + KEY;
        LlmCallException failed = assertThrows(LlmCallException.class,
                () -> keyed.complete("openai", ask("x", Optional.empty()), t -> { }));
        assertFalse(failed.getMessage().contains(KEY), failed.getMessage());
        assertTrue(failed.getMessage().contains("OpenAI (m1)") && failed.getMessage().contains("401"),
                failed.getMessage());
        KeyCheck check = keyed.checkKey("openai").orElseThrow();
        assertEquals(KeyCheck.Outcome.ACCEPTED, check.outcome());
        assertFalse(check.message().contains(KEY), check.message());
        assertTrue(keyed.providers().getFirst().keyConfigured());
    }

    @Test
    void identicalCallsAreAnsweredFromTheCache() throws Exception {
        EchoProvider p = new EchoProvider();
        LlmService service = new LlmService(() -> List.of(p), settings(Map.of(), Map.of("api-key", "k"), Map.of(), true),
                HttpClient.newHttpClient());
        LlmResponse first = service.complete("openai", ask("same", Optional.empty()), t -> { });
        LlmResponse second = service.complete("openai", ask("same", Optional.empty()), t -> { });
        service.complete("openai", ask("other", Optional.empty()), t -> { });
        assertEquals(first.text(), second.text());
        assertEquals(new TokenUsage(0, 0).withCost(0), second.usage(), "a cached answer spends no tokens");
        assertEquals(2, p.keys.size(), "the provider was called once per distinct question");
        assertEquals(1, service.cacheHits());
        assertEquals(2, service.cacheMisses());
    }

    @Test
    void aNodeStreamsTokensAndItsPersonRemembersTheTurnInTheRecord() throws Exception {
        EchoProvider p = new EchoProvider();
        LlmService service = new LlmService(() -> List.of(p), settings(Map.of(), Map.of("api-key", "k"), Map.of(), false),
                HttpClient.newHttpClient());
        NodeExecutor talk = TestExecutors.executor(TestExecutors.descriptor("talk", List.of(), List.of()), c -> {
            LlmResponse r = c.llm().complete("openai", ask("hello", Optional.empty()));
            c.memory().append("ada", List.of(new MemoryMessage("user", "hello", c.nodeId(), c.iteration(), "ada"),
                    new MemoryMessage("assistant", r.text(), c.nodeId(), c.iteration(), "ada")));
            return new NodeResult(r.text(), Optional.empty(), Optional.of(r.usage()), Map.of(), Map.of());
        });
        NodeExecutor start = TestExecutors.executor(TestExecutors.descriptor("start", List.of(), List.of()),
                c -> NodeResult.of(null));
        Map<String, NodeExecutor> types = Map.of("start", start, "talk", talk);
        HostServices host = new HostServices(Optional.of(HttpClient.newHttpClient()),
                name -> name.equals("notion") ? Optional.of("tok") : Optional.empty(), Optional.of(service));
        try (Engine engine = new Engine(EngineConfig.defaults(dir), t -> Optional.ofNullable(types.get(t)),
                ExecutionStore.inMemory(), host)) {
            Recorder recorder = new Recorder(engine);
            Graph graph = diagram().node("s", "start").node("t", "talk").edge("s", "t").build();
            var run = assertInstanceOf(StartResult.Started.class, engine.start(new ExecutionRequest("g",
                    OptionalLong.empty(), graph, Map.of(), ExecutionRequest.Options.NONE)));
            var done = assertInstanceOf(ExecutionEvent.ExecutionCompleted.class,
                    run.completion().get(10, TimeUnit.SECONDS));
            assertEquals(new TokenUsage(10, 2), done.tokens(), "the run counts the call's tokens");
            assertEquals(List.of("echo: ", "hello"), recorder.of(run.executionId(), ExecutionEvent.NodeProgress.class)
                    .stream().map(ExecutionEvent.NodeProgress::text).toList(), "streamed tokens reach the watchers");
            ExecutionRecord record = engine.execution(run.executionId()).orElseThrow();
            assertEquals(List.of("hello", "echo: hello"), record.conversations().get("ada").stream()
                    .map(MemoryMessage::content).toList());
            assertEquals(record.conversations().get("ada"),
                    ExecutionRecord.fromJson(record.toJson()).conversations().get("ada"), "memory survives the store");
        }
    }

    @Test
    void tokensAndTheirCostAreCountedPerNodeAndRunAndCachedAnswersCostNothing() throws Exception {
        EchoProvider p = new EchoProvider();
        PriceTable prices = PriceTable.none().with(List.of(new PriceTable.Price("openai", "m1", 1_000_000, 2_000_000)));
        LlmService service = new LlmService(() -> List.of(p), new LlmSettings(id -> Optional.empty(),
                (provider, k) -> k.equals("api-key") ? Optional.of("k") : Optional.empty(), name -> Optional.empty(),
                Duration.ofSeconds(5), true, Duration.ofMinutes(1), 100, prices), HttpClient.newHttpClient());
        // each call: 10 tokens in ($10), 2 out ($4); the executor reports nothing itself
        NodeExecutor twice = TestExecutors.executor(TestExecutors.descriptor("twice", List.of(), List.of()), c -> {
            c.llm().complete("openai", ask("one", Optional.empty()));
            c.llm().complete("openai", ask("one", Optional.empty()));      // the cache answers
            c.llm().complete("openai", ask("two", Optional.empty()));
            return NodeResult.of("done");
        });
        NodeExecutor failing = TestExecutors.executor(TestExecutors.descriptor("failing", List.of(), List.of()), c -> {
            c.llm().complete("openai", ask("three", Optional.empty()));
            throw new IllegalStateException("the model's answer was not JSON");
        });
        NodeExecutor start = TestExecutors.executor(TestExecutors.descriptor("start", List.of(), List.of()),
                c -> NodeResult.of(null));
        Map<String, NodeExecutor> types = Map.of("start", start, "twice", twice, "failing", failing);
        HostServices host = new HostServices(Optional.empty(), name -> Optional.empty(), Optional.of(service));
        try (Engine engine = new Engine(EngineConfig.defaults(dir), t -> Optional.ofNullable(types.get(t)),
                ExecutionStore.inMemory(), host)) {
            Recorder recorder = new Recorder(engine);
            Graph graph = diagram().node("s", "start").node("t", "twice").node("f", "failing")
                    .edge("s", "t").edge("t", "f").build();
            var run = assertInstanceOf(StartResult.Started.class, engine.start(new ExecutionRequest("g",
                    OptionalLong.empty(), graph, Map.of(), ExecutionRequest.Options.NONE)));
            assertInstanceOf(ExecutionEvent.ExecutionFailed.class, run.completion().get(10, TimeUnit.SECONDS));
            ExecutionEvent.NodeCompleted t = recorder.of(run.executionId(), ExecutionEvent.NodeCompleted.class)
                    .stream().filter(e -> e.nodeId().equals("t")).findFirst().orElseThrow();
            assertEquals(Optional.of(new TokenUsage(20, 4).withCost(28)), t.tokens(),
                    "two calls were made, the cached one cost nothing");
            ExecutionRecord record = engine.execution(run.executionId()).orElseThrow();
            assertEquals(new TokenUsage(30, 6).withCost(42), record.tokens(), "the failed node's call counts too");
            assertEquals(Optional.of(new TokenUsage(10, 2).withCost(14)), record.nodes().get("f").tokens());
            assertEquals(Optional.empty(), record.nodes().get("s").tokens());
            ExecutionRecord stored = ExecutionRecord.fromJson(record.toJson());
            assertEquals(record.tokens(), stored.tokens(), "cost survives the store");
            assertEquals(record.nodes().get("t").tokens(), stored.nodes().get("t").tokens());
            assertEquals(3, p.keys.size());
        }
    }
}
