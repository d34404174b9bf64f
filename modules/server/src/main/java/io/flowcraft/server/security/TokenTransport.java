package io.flowcraft.server.security;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

import java.util.List;
import java.util.Optional;

/**
 * Where a request's token travels: the {@code Authorization: Bearer TOKEN} header (HTTP, and
 * WebSocket clients that can set headers), and for browsers, which cannot set headers on a
 * WebSocket, the subprotocol {@code flowcraft.bearer.TOKEN} offered beside {@code flowcraft} (the
 * server then selects {@code flowcraft}) or the {@code ?token=TOKEN} query parameter of
 * {@code /ws}. Stateless.
 */
final class TokenTransport {
    /** The subprotocol the server selects when a client offers it. */
    static final String SUBPROTOCOL = "flowcraft";
    /** The prefix of the subprotocol that carries a token. */
    static final String BEARER_SUBPROTOCOL = "flowcraft.bearer.";
    static final HeaderName WS_PROTOCOL = HeaderNames.create("Sec-WebSocket-Protocol");

    private TokenTransport() {
    }

    /**
     * The token of a request.
     *
     * @param headers the request's headers
     * @param query   the {@code token} query parameter, when the route accepts one
     * @return the token, if the request carries one
     */
    static Optional<String> find(Headers headers, Optional<String> query) {
        Optional<String> bearer = bearer(headers);
        if (bearer.isPresent()) {
            return bearer;
        }
        for (String p : subprotocols(headers)) {
            if (p.startsWith(BEARER_SUBPROTOCOL)) {
                return Optional.of(p.substring(BEARER_SUBPROTOCOL.length()));
            }
        }
        return query.filter(q -> !q.isEmpty());
    }

    /**
     * The token of an {@code Authorization: Bearer} header.
     *
     * @param headers the request's headers
     * @return the token, if any
     */
    static Optional<String> bearer(Headers headers) {
        return headers.first(HeaderNames.AUTHORIZATION).map(String::trim)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7)).map(v -> v.substring(7).trim());
    }

    /**
     * The subprotocols a WebSocket client offers.
     *
     * @param headers the upgrade request's headers
     * @return the offered subprotocols, in order
     */
    static List<String> subprotocols(Headers headers) {
        return headers.values(WS_PROTOCOL).stream().flatMap(v -> List.of(v.split(",")).stream()).map(String::trim)
                .filter(p -> !p.isEmpty()).toList();
    }
}
