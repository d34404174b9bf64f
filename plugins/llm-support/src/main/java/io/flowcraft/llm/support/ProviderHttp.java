package io.flowcraft.llm.support;

import io.flowcraft.api.spi.LlmCallException;
import io.flowcraft.api.spi.LlmContext;
import io.flowcraft.api.spi.ProviderDescriptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One provider call's HTTP: sends a request through the host's client, retrying 429 and 5xx answers
 * (waiting what {@code retry-after-ms} or {@code Retry-After} says, else an exponential backoff, never longer than
 * {@link #MAX_WAIT}) up to {@code max-retries} times (configuration, default 3; first backoff
 * {@code retry-delay-ms}, default 500), and turns every failure into an {@link LlmCallException}
 * naming the provider and model, with the service's own message and without the key.
 *
 * <p>Retries happen only before a successful status line: once the caller reads a body (and streams
 * tokens), nothing is sent again. {@code timeout} bounds each request, from sending it to the end
 * of its body (streams included). Interrupting the calling thread cancels the exchange and makes
 * {@link #send} throw {@link InterruptedException}. One instance per call; not thread-safe.
 */
public final class ProviderHttp {
    /** The longest wait between two attempts, whatever {@code Retry-After} asks. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final ProviderDescriptor descriptor;
    private final String model;
    private final LlmContext context;
    private final Redactor redactor;
    private long sentAt = System.nanoTime();

    private ProviderHttp(ProviderDescriptor descriptor, String model, LlmContext context) {
        this.descriptor = descriptor;
        this.model = model;
        this.context = context;
        this.redactor = new Redactor(context.apiKey());
    }

    /**
     * Starts one call.
     *
     * @param descriptor the provider
     * @param model      the model asked for
     * @param context    the host's client, configuration and key
     * @return the call's HTTP
     */
    public static ProviderHttp create(ProviderDescriptor descriptor, String model, LlmContext context) {
        return new ProviderHttp(descriptor, model, context);
    }

    /**
     * The base URL: configuration {@code base-url} (which the host fills from the descriptor's
     * environment variable), else the default, without trailing slashes.
     *
     * @param context     the context
     * @param defaultBase the provider's default
     * @return the base URL
     */
    public static String baseUrl(LlmContext context, String defaultBase) {
        String base = context.config("base-url").map(String::strip).filter(s -> !s.isEmpty()).orElse(defaultBase);
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    /**
     * A request builder for a URL with the call's timeout set.
     *
     * @param url the URL
     * @return the builder
     */
    public HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(context.timeout());
    }

    /**
     * The key, or a clear failure when the provider needs one and none is configured.
     *
     * @return the key; empty when the provider needs none and none is set
     * @throws LlmCallException if the provider needs a key and has none
     */
    public Optional<String> key() {
        Optional<String> key = context.apiKey().filter(k -> !k.isBlank());
        if (key.isEmpty() && descriptor.needsApiKey()) {
            throw failure("no API key is configured: " + KeyChecks.howToSetKey(descriptor));
        }
        return key;
    }

    /**
     * Sends a request, retrying as the class describes.
     *
     * @param request the request (sent again unchanged on retry)
     * @return a 2xx response, whose body the caller reads with {@link #read}
     * @throws InterruptedException if the thread is interrupted (the exchange is cancelled)
     * @throws LlmCallException     on any other failure
     */
    public HttpResponse<InputStream> send(HttpRequest request) throws InterruptedException {
        int maxRetries = intConfig("max-retries", 3);
        long firstDelay = intConfig("retry-delay-ms", 500);
        for (int attempt = 0; ; attempt++) {
            sentAt = System.nanoTime();
            HttpResponse<InputStream> response = exchange(request);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            String body = drain(response);
            boolean retryable = status == 429 || status >= 500;
            if (!retryable || attempt >= maxRetries) {
                throw statusFailure(status, body, retryable ? attempt : -1);
            }
            Duration wait = RetryAfter.of(response.headers())
                    .orElse(Duration.ofMillis(firstDelay << Math.min(attempt, 16)));
            Thread.sleep(min(wait, MAX_WAIT).toMillis());
        }
    }

    /**
     * A failure of this call.
     *
     * @param what what went wrong (redacted here)
     * @return the exception to throw
     */
    public LlmCallException failure(String what) {
        return new LlmCallException(prefix() + redactor.redact(what));
    }

    /**
     * Reads a failure out of an error event of a stream or a body.
     *
     * @param body the service's JSON (or text)
     * @return the exception to throw
     */
    public LlmCallException serviceError(String body) {
        return failure("the service reported an error: " + ServiceMessage.of(body, redactor));
    }

    /** Reads an answer's body. */
    @FunctionalInterface
    public interface BodyReader {
        /**
         * Reads the body.
         *
         * @param body the body (closed by the caller)
         * @throws IOException if reading fails
         */
        void read(InputStream body) throws IOException;
    }

    /** Handles the data of one streamed event; returns {@code false} to stop reading. */
    @FunctionalInterface
    public interface EventData {
        /**
         * Handles one event's data.
         *
         * @param data the event's {@code data}
         * @return {@code true} to read on
         * @throws IOException if the data cannot be handled
         */
        boolean accept(String data) throws IOException;
    }

    /** Handles a whole (not streamed) answer body. */
    @FunctionalInterface
    public interface WholeBody {
        /**
         * Handles the body.
         *
         * @param body the body text
         * @throws IOException if the body cannot be handled
         */
        void accept(String body) throws IOException;
    }

    /**
     * Whether answers should be streamed: on unless the provider's {@code stream} setting is {@code false}.
     *
     * @param context the call's context
     * @return {@code true} to ask for a stream
     */
    public static boolean streaming(LlmContext context) {
        return !context.config("stream").map(String::strip).orElse("true").equalsIgnoreCase("false");
    }

    /**
     * Reads an answer that is either a server-sent event stream (by its {@code Content-Type}) or one
     * JSON body, like {@link #read}: a server may answer JSON to a request for a stream.
     *
     * @param response the answer {@link #send} returned
     * @param events   handles each event's data when the answer is a stream
     * @param whole    handles the body otherwise
     * @return {@code true} if the answer was a stream
     * @throws InterruptedException if the thread was interrupted
     * @throws LlmCallException     if reading fails or takes too long
     */
    public boolean readAnswer(HttpResponse<InputStream> response, EventData events, WholeBody whole)
            throws InterruptedException {
        boolean streamed = response.headers().firstValue("Content-Type").orElse("").contains("text/event-stream");
        read(response, in -> {
            if (streamed) {
                SseReader.read(in, event -> events.accept(event.data()));
            } else {
                whole.accept(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return streamed;
    }

    /**
     * Reads a successful answer's body within what is left of the timeout of the request that got
     * it (measured from when it was sent): when the time runs out the body is closed and this
     * throws a timeout failure. An interrupt while reading stays an interrupt (the JDK reports one
     * during a blocked read as a plain {@link IOException}).
     *
     * @param response the answer {@link #send} returned
     * @param reader   reads the body; its {@link LlmCallException}s pass through
     * @throws InterruptedException if the thread was interrupted
     * @throws LlmCallException     if reading fails or takes too long
     */
    public void read(HttpResponse<InputStream> response, BodyReader reader) throws InterruptedException {
        InputStream body = response.body();
        AtomicBoolean timedOut = new AtomicBoolean();
        long left = context.timeout().toNanos() - (System.nanoTime() - sentAt);
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            timedOut.set(true);
            try {
                body.close();
            } catch (IOException ignored) {
                // closing is all that was wanted
            }
        }, CompletableFuture.delayedExecutor(Math.max(0, left), TimeUnit.NANOSECONDS));
        try (body) {
            reader.read(body);
        } catch (IOException e) {
            if (e instanceof InterruptedIOException || Thread.interrupted()) {
                InterruptedException interrupted = new InterruptedException("interrupted while reading the answer");
                interrupted.initCause(e);
                throw interrupted;
            }
            if (!timedOut.get()) {
                throw failure("the answer broke off: " + e.getMessage(), e);
            }
        } finally {
            watchdog.cancel(false);
        }
        if (timedOut.get()) {
            throw failure("the answer did not finish within " + context.timeout().toMillis() + " ms (timeout)");
        }
    }

    private LlmCallException failure(String what, Throwable cause) {
        return new LlmCallException(prefix() + redactor.redact(what), cause);
    }

    private HttpResponse<InputStream> exchange(HttpRequest request) throws InterruptedException {
        CompletableFuture<HttpResponse<InputStream>> future =
                context.http().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw failure("no answer within " + context.timeout().toMillis() + " ms (timeout) from "
                        + origin(request));
            }
            throw failure("could not reach " + origin(request) + " (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")");
        }
    }

    private LlmCallException statusFailure(int status, String body, int retries) {
        String says = ServiceMessage.of(body, redactor);
        String what = switch (status) {
            case 400 -> "the service rejected the request (HTTP 400)";
            case 401 -> "the service refused the API key (HTTP 401); to use another, " + KeyChecks.howToSetKey(descriptor);
            case 403 -> "the key may not use this model or endpoint (HTTP 403)";
            case 404 -> "the service does not know this model or endpoint (HTTP 404)";
            case 429 -> "rate limited (HTTP 429) after " + retries + " retries";
            default -> status >= 500
                    ? "service error (HTTP " + status + ") after " + retries + " retries"
                    : "unexpected answer (HTTP " + status + ")";
        };
        return failure(says.isEmpty() ? what : what + ": " + says);
    }

    private String prefix() {
        return descriptor.title() + " (model " + model + "): ";
    }

    private int intConfig(String key, int fallback) {
        return context.config(key).map(String::strip).flatMap(v -> {
            try {
                return Optional.of(Math.max(0, Integer.parseInt(v)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).orElse(fallback);
    }

    private static String drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String origin(HttpRequest request) {
        URI uri = request.uri();
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
