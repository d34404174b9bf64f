package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.LlmCallException;
import io.flowcraft.api.spi.LlmGateway;
import io.flowcraft.api.spi.LlmRequest;
import io.flowcraft.api.spi.LlmResponse;
import io.flowcraft.api.spi.TokenUsage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted LLM gateway: answers each call with what {@code script} returns for its request
 * (throwing makes the call fail), records every call, and counts calls in flight. Thread-safe.
 */
final class FakeLlm implements LlmGateway {
    /** One recorded call. */
    record Call(String service, LlmRequest request) {
        /** The text of the last message: the prompt. */
        String prompt() {
            return request.messages().getLast().content();
        }
    }

    private final Function<LlmRequest, String> script;
    private final List<Call> calls = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    private FakeLlm(Function<LlmRequest, String> script) {
        this.script = script;
    }

    /** Answers with {@code script(request)}; every call uses 10 input and 5 output tokens. */
    static FakeLlm answering(Function<LlmRequest, String> script) {
        return new FakeLlm(script);
    }

    /** Answers {@code answer 1}, {@code answer 2}, … in call order. */
    static FakeLlm counting() {
        AtomicInteger n = new AtomicInteger();
        return new FakeLlm(r -> "answer " + n.incrementAndGet());
    }

    @Override
    public LlmResponse complete(String service, LlmRequest request) {
        synchronized (calls) {
            calls.add(new Call(service, request));
        }
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            return new LlmResponse(script.apply(request), new TokenUsage(10, 5), request.model());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    int mostInFlight() {
        return mostInFlight.get();
    }

    /** Sleeps, for answers that arrive late. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmCallException("interrupted");
        }
    }
}
