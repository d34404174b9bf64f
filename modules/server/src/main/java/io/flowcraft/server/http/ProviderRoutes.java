package io.flowcraft.server.http;

import io.flowcraft.api.spi.KeyCheck;
import io.flowcraft.api.spi.ProviderDescriptor;
import io.flowcraft.engine.LlmService;
import io.flowcraft.engine.PriceTable;
import io.flowcraft.graph.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The LLM providers: {@code GET /api/providers} lists every loaded provider with whether a key is
 * configured and where it comes from (the setting's or variable's name, never the key), its
 * models and known prices, and the response cache's counts; {@code ?check=true} also asks each
 * provider, at once, whether its service accepts the key (one cheap authenticated call).
 * {@code GET /api/providers/{id}} answers for one provider, found by id or alias. Thread-safe.
 */
public final class ProviderRoutes {
    private final Optional<LlmService> llm;
    private final Json json;

    /**
     * Creates the routes.
     *
     * @param llm  the LLM service, if this server has one
     * @param json the JSON codec
     */
    public ProviderRoutes(Optional<LlmService> llm, Json json) {
        this.llm = llm;
        this.json = json;
    }

    /**
     * Registers the routes.
     *
     * @param routing the HTTP routing to add to
     */
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/providers", (req, res) -> list(req, res, Optional.empty()))
                .get("/api/providers/{id}", (req, res) -> list(req, res, Optional.of(req.path().pathParameters().get("id"))));
    }

    private void list(ServerRequest req, ServerResponse res, Optional<String> only) {
        Optional<String> raw = req.query().first("check").asOptional();
        boolean check;
        if (raw.isEmpty() || raw.get().equalsIgnoreCase("false")) {
            check = false;
        } else if (raw.get().equalsIgnoreCase("true") || raw.get().isEmpty()) {
            check = true;
        } else {
            send(res, Status.BAD_REQUEST_400, error("invalid_parameter", "check must be true or false, got '"
                    + raw.get() + "'"));
            return;
        }
        List<LlmService.ProviderStatus> statuses = llm.map(LlmService::providers).orElse(List.of());
        if (only.isPresent()) {
            String wanted = only.get().toLowerCase(Locale.ROOT);
            statuses = statuses.stream().filter(s -> s.descriptor().id().equals(wanted)
                    || s.descriptor().aliases().stream().anyMatch(a -> a.equalsIgnoreCase(wanted))).toList();
            if (statuses.isEmpty()) {
                send(res, Status.NOT_FOUND_404, error("unknown_provider", "no loaded LLM provider is called '"
                        + only.get() + "'; GET /api/providers lists them"));
                return;
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (LlmService.ProviderStatus s : statuses) {
            out.add(provider(s));
        }
        if (check) {
            checkAll(out);
        }
        if (only.isPresent()) {
            send(res, Status.OK_200, out.getFirst());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("providers", out);
        llm.ifPresent(service -> body.put("cache", Map.of("enabled", service.cacheEnabled(),
                "hits", service.cacheHits(), "misses", service.cacheMisses())));
        send(res, Status.OK_200, body);
    }

    private Map<String, Object> provider(LlmService.ProviderStatus s) {
        ProviderDescriptor d = s.descriptor();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("title", d.title());
        m.put("aliases", d.aliases());
        m.put("needsApiKey", d.needsApiKey());
        m.put("keyConfigured", s.keyConfigured());
        m.put("keySource", s.keySource().orElse(null));
        m.put("apiKeyVariable", d.apiKeyVariable().orElse(null));
        m.put("baseUrlVariable", d.baseUrlVariable().orElse(null));
        m.put("models", d.models());
        List<Object> prices = new ArrayList<>();
        for (PriceTable.Price p : llm.orElseThrow().prices().prices()) {
            if (p.provider().equals(d.id())) {
                prices.add(Map.of("model", p.model(), "inputPerMillion", p.inputPerMillion(),
                        "outputPerMillion", p.outputPerMillion()));
            }
        }
        m.put("pricesUsd", prices);
        return m;
    }

    /** One check per provider, all at once: the slowest service sets the wait, not their sum. */
    private void checkAll(List<Map<String, Object>> providers) {
        LlmService service = llm.orElseThrow();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<KeyCheck>>> checks = new ArrayList<>();
            for (Map<String, Object> p : providers) {
                checks.add(pool.submit(() -> service.checkKey((String) p.get("id"))));
            }
            for (int i = 0; i < providers.size(); i++) {
                KeyCheck c;
                try {
                    c = checks.get(i).get().orElse(new KeyCheck(KeyCheck.Outcome.UNSUPPORTED, "the provider is gone"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    c = new KeyCheck(KeyCheck.Outcome.UNREACHABLE, "the check was interrupted");
                } catch (java.util.concurrent.ExecutionException e) {
                    c = new KeyCheck(KeyCheck.Outcome.UNREACHABLE, "the check failed");
                }
                providers.get(i).put("check", Map.of("outcome", c.outcome().name().toLowerCase(Locale.ROOT),
                        "message", c.message()));
            }
        }
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("error", Map.of("code", code, "message", message));
    }

    private void send(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json.write(body));
    }
}
