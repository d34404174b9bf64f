package io.flowcraft.llm.support;

import io.flowcraft.api.spi.KeyCheck;
import io.flowcraft.api.spi.LlmContext;
import io.flowcraft.api.spi.ProviderDescriptor;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Checks a key with one cheap authenticated request (such as listing models): 2xx accepts it,
 * 401/403 rejects it, no key when the provider needs one is missing, anything else is unreachable.
 * Never retries; messages never contain the key. Stateless.
 */
public final class KeyChecks {
    private KeyChecks() {
    }

    /**
     * Checks the context's key.
     *
     * @param descriptor the provider
     * @param context    the host's client, configuration and key
     * @param request    builds the request from the key (empty when the provider needs none and has none)
     * @return what the service said
     */
    public static KeyCheck check(ProviderDescriptor descriptor, LlmContext context,
                                 Function<Optional<String>, HttpRequest> request) {
        Optional<String> key = context.apiKey().filter(k -> !k.isBlank());
        String title = descriptor.title();
        if (key.isEmpty() && descriptor.needsApiKey()) {
            return new KeyCheck(KeyCheck.Outcome.MISSING, title + " has no API key: " + howToSetKey(descriptor));
        }
        Redactor redactor = new Redactor(key);
        CompletableFuture<HttpResponse<InputStream>> future =
                context.http().sendAsync(request.apply(key), HttpResponse.BodyHandlers.ofInputStream());
        try {
            HttpResponse<InputStream> response = future.get();
            int status = response.statusCode();
            String says;
            try (InputStream in = response.body()) {
                says = ServiceMessage.of(new String(in.readNBytes(16 * 1024), java.nio.charset.StandardCharsets.UTF_8),
                        redactor);
            }
            if (status >= 200 && status < 300) {
                return new KeyCheck(KeyCheck.Outcome.ACCEPTED, key.isPresent()
                        ? title + " accepted the key" : title + " answered (it needs no key)");
            }
            String detail = says.isEmpty() ? "" : ": " + says;
            if (status == 401 || status == 403) {
                return new KeyCheck(KeyCheck.Outcome.REJECTED, title + " refused the key (HTTP " + status + ")" + detail);
            }
            return new KeyCheck(KeyCheck.Outcome.UNREACHABLE, title + " answered HTTP " + status + detail);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new KeyCheck(KeyCheck.Outcome.UNREACHABLE, "checking the " + title + " key was interrupted");
        } catch (ExecutionException | IOException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return new KeyCheck(KeyCheck.Outcome.UNREACHABLE,
                    redactor.redact(title + " could not be reached: " + cause));
        }
    }

    /**
     * Says where a key is configured, for messages.
     *
     * @param descriptor the provider
     * @return such as {@code set OPENAI_API_KEY or the provider's api-key configuration}
     */
    public static String howToSetKey(ProviderDescriptor descriptor) {
        return descriptor.apiKeyVariable().map(v -> "set " + v + " or the ").orElse("set the ")
                + "'api-key' configuration of provider '" + descriptor.id() + "'";
    }
}
