package io.flowcraft.plugins.notion;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Calls Notion's REST API for one node run: adds the bearer token, {@code Notion-Version} and JSON
 * headers, retries rate limits (429, honouring {@code Retry-After}) and server errors with bounded
 * backoff, and turns Notion's error object into a {@link NotionFailure} that names the operation and
 * never the token. Every wait ends by the run's deadline. Not shared between runs.
 */
final class NotionClient {
    /** The API version whose wire format this plugin speaks. */
    static final String VERSION = "2022-06-28";
    /** Where Notion lives unless the secret {@code notion_base_url} says otherwise. */
    static final String DEFAULT_BASE = "https://api.notion.com/v1";

    private static final int ATTEMPTS = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<Integer> SERVER_ERRORS = Set.of(500, 502, 503, 504);

    private final HttpClient http;
    private final String base;
    private final String token;
    private final String operation;
    private final Instant deadline;

    NotionClient(HttpClient http, String base, String token, String operation, Instant deadline) {
        this.http = http;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        this.operation = operation;
        this.deadline = deadline;
    }

    /** {@code GET base + path}; the path's variable parts must already be {@link #encode encoded}. */
    Map<String, Object> get(String path) throws InterruptedException {
        return send("GET", path, Optional.empty(), true);
    }

    /**
     * {@code POST} a JSON body.
     *
     * @param idempotent whether a server error may be retried (a query may; creating a page may not,
     *                   since Notion may have created it before failing)
     */
    Map<String, Object> post(String path, Map<String, Object> body, boolean idempotent) throws InterruptedException {
        return send("POST", path, Optional.of(body), idempotent);
    }

    /** {@code PATCH} a JSON body; see {@link #post} for {@code idempotent}. */
    Map<String, Object> patch(String path, Map<String, Object> body, boolean idempotent) throws InterruptedException {
        return send("PATCH", path, Optional.of(body), idempotent);
    }

    /** A path segment or query value, percent-encoded. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Map<String, Object> send(String method, String path, Optional<Map<String, Object>> body,
                                     boolean idempotent) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = exchange(method, path, body);
            int status = response.statusCode();
            if (status / 100 == 2) {
                return parse(response.body(), status);
            }
            boolean retryable = status == 429 || (idempotent && SERVER_ERRORS.contains(status));
            Duration wait = retryAfter(response).orElse(FIRST_BACKOFF.multipliedBy(1L << (attempt - 1)));
            if (!retryable) {
                throw failure(status, response.body(), "");
            }
            if (attempt >= ATTEMPTS) {
                throw failure(status, response.body(), " (gave up after " + attempt + " attempts)");
            }
            if (wait.compareTo(MAX_WAIT) > 0 || Instant.now().plus(wait).isAfter(deadline)) {
                throw failure(status, response.body(), " (Notion asked to wait " + wait.toSeconds()
                        + " s, longer than this node may still run)");
            }
            Thread.sleep(wait);
        }
    }

    private HttpResponse<String> exchange(String method, String path, Optional<Map<String, Object>> body)
            throws InterruptedException {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new NotionFailure("notion " + operation + " ran out of time (the node's timeout)");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(left.compareTo(REQUEST_TIMEOUT) < 0 ? left : REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Notion-Version", VERSION)
                .header("Accept", "application/json");
        if (body.isPresent()) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body.get()), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new NotionFailure("notion " + operation + ": Notion did not answer " + method + " " + path
                    + " in time", e);
        } catch (IOException e) {
            throw new NotionFailure("notion " + operation + ": cannot reach Notion at " + base + ": "
                    + redact(String.valueOf(e.getMessage())), e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(String text, int status) {
        try {
            if (Json.parse(text) instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (IOException e) {
            // fall through
        }
        throw new NotionFailure("notion " + operation + ": Notion answered HTTP " + status + " without a JSON object");
    }

    /** Notion's error object ({@code object: "error", status, code, message}) as a message for the user. */
    private NotionFailure failure(int status, String text, String suffix) {
        String code = "";
        String message = "";
        try {
            if (Json.parse(text) instanceof Map<?, ?> error && "error".equals(error.get("object"))) {
                code = String.valueOf(error.get("code"));
                message = String.valueOf(error.get("message"));
            }
        } catch (IOException e) {
            // not Notion's error object: a proxy or load balancer answered
        }
        String what = code.isEmpty() ? "HTTP " + status : "HTTP " + status + " " + code + ": " + message;
        String hint = switch (code) {
            case "unauthorized" -> " — check the integration token in flowcraft.secrets.notion (FLOWCRAFT_SECRETS_NOTION)";
            case "object_not_found", "restricted_resource" ->
                    " — check the id and that the page or database is shared with the integration (… → Connections)";
            case "rate_limited" -> " — Notion allows about 3 requests per second per integration";
            default -> "";
        };
        return new NotionFailure(redact("notion " + operation + " failed: " + what + hint + suffix));
    }

    private Optional<Duration> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                double seconds = Double.parseDouble(v.strip());
                return seconds >= 0 ? Optional.of(Duration.ofMillis((long) (seconds * 1000))) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private String redact(String text) {
        return token.isEmpty() ? text : text.replace(token, "[token]");
    }
}
