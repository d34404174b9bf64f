package io.flowcraft.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@code flowcraft.tracing.*} against the standard OpenTelemetry variables, as the SDK's
 * own configuration does: a {@code flowcraft.tracing} key wins; when it is unset and tracing is on,
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (used as it is) or {@code OTEL_EXPORTER_OTLP_ENDPOINT}
 * (plus {@code /v1/traces}), {@code OTEL_SERVICE_NAME} and {@code OTEL_EXPORTER_OTLP_TRACES_HEADERS}
 * or {@code OTEL_EXPORTER_OTLP_HEADERS} ({@code name=value,…}, values URL-encoded) apply.
 *
 * <p>Problems name the key or variable and never quote an endpoint or a header value (either may
 * hold a key). Stateless.
 */
final class TracingSettings {
    private static final String TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    private static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private static final String TRACES_HEADERS = "OTEL_EXPORTER_OTLP_TRACES_HEADERS";
    private static final String HEADERS = "OTEL_EXPORTER_OTLP_HEADERS";
    private static final String SERVICE_NAME = "OTEL_SERVICE_NAME";
    /** An HTTP header name: an RFC 9110 token. */
    private static final java.util.regex.Pattern HEADER_NAME = java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private TracingSettings() {
    }

    /**
     * The tracing settings.
     *
     * @param enabled     {@code flowcraft.tracing.enabled}
     * @param endpoint    {@code flowcraft.tracing.endpoint}, if set
     * @param serviceName {@code flowcraft.tracing.service-name}, if set
     * @param ratio       {@code flowcraft.tracing.sample-ratio}, if set
     * @param headers     {@code flowcraft.tracing.headers}
     * @param env         the environment; its {@code OTEL_*} variables count only when tracing is on, so a
     *                    bad one set for another program cannot stop a server that does not trace
     * @param problems    where each bad value is described
     * @return the settings (defaults where a value was bad)
     */
    static FlowcraftConfig.Tracing resolve(boolean enabled, Optional<String> endpoint, Optional<String> serviceName,
                                           Optional<String> ratio, Map<String, String> headers,
                                           Map<String, String> env, List<String> problems) {
        Map<String, String> otel = enabled ? env : Map.of();
        FlowcraftConfig.Tracing defaults = FlowcraftConfig.Tracing.defaults();
        URI uri = endpoint.map(e -> uri("flowcraft.tracing.endpoint", e, problems))
                .or(() -> variable(otel, TRACES_ENDPOINT).map(e -> uri(TRACES_ENDPOINT, e, problems)))
                .or(() -> variable(otel, ENDPOINT).map(e -> uri(ENDPOINT, e + (e.endsWith("/") ? "" : "/")
                        + "v1/traces", problems)))
                .flatMap(u -> u)
                .orElse(defaults.endpoint());
        String service = serviceName.or(() -> variable(otel, SERVICE_NAME)).orElse(defaults.serviceName());
        double sampleRatio = ratio.map(r -> ratio(r, problems)).orElse(defaults.sampleRatio());
        Map<String, String> sent = new LinkedHashMap<>();
        if (!headers.isEmpty()) {
            headers.forEach((name, value) -> header("flowcraft.tracing.headers." + name, name, value, sent, problems));
        } else {
            Optional<String> listed = variable(otel, TRACES_HEADERS);
            String source = listed.isPresent() ? TRACES_HEADERS : HEADERS;
            listed.or(() -> variable(otel, HEADERS)).ifPresent(list -> headers(source, list, sent, problems));
        }
        return new FlowcraftConfig.Tracing(enabled, uri, service, sampleRatio, sent);
    }

    private static Optional<String> variable(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static Optional<URI> uri(String source, String value, List<String> problems) {
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawFragment() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // described below
        }
        problems.add(source + ": must be an http:// or https:// URL of a collector's OTLP/HTTP traces endpoint, "
                + "such as " + FlowcraftConfig.Tracing.DEFAULT_ENDPOINT);
        return Optional.empty();
    }

    private static double ratio(String value, List<String> problems) {
        try {
            double r = Double.parseDouble(value);
            if (r >= 0 && r <= 1) {
                return r;
            }
        } catch (NumberFormatException e) {
            // described below
        }
        problems.add("flowcraft.tracing.sample-ratio: must be a number from 0 to 1 (0.25 traces a quarter of "
                + "the runs), got '" + value + "'");
        return 1.0;
    }

    /** {@code name=value,…} as the SDK reads it: values URL-decoded. */
    private static void headers(String source, String list, Map<String, String> sent, List<String> problems) {
        String[] entries = list.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                problems.add(source + ": entry " + (i + 1) + " is not name=value");
                continue;
            }
            String name = entry.substring(0, eq).trim();
            String value;
            try {
                value = URLDecoder.decode(entry.substring(eq + 1).trim(), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                problems.add(source + ": the value of entry " + (i + 1) + " is not URL-encoded text");
                continue;
            }
            header(source + " (entry " + (i + 1) + ")", name, value, sent, problems);
        }
    }

    private static void header(String where, String name, String value, Map<String, String> sent,
                               List<String> problems) {
        if (!HEADER_NAME.matcher(name).matches()) {
            problems.add(where + ": the header name must be letters, digits and -, e.g. x-api-key");
        } else if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            problems.add(where + ": the header value must be one line of text, not empty");
        } else {
            sent.put(name, value);
        }
    }
}
