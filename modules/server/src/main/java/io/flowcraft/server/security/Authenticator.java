package io.flowcraft.server.security;

import io.flowcraft.server.config.FlowcraftConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells who a token belongs to: one of the static tokens, or a token signed with the secret
 * ({@link SignedTokens}), as {@link LiveCredentials} has them now: a token or secret rotated in the
 * env file or directory applies to the next request, and the old one is refused. With
 * authentication off, everyone is {@link Principal#anonymous()}. Static tokens are compared by their
 * SHA-256 digests in constant time, every one of them each time, so neither a match nor its
 * position leaks through timing. Tokens are never logged. Thread-safe.
 */
public final class Authenticator {
    private final boolean enabled;
    private final LiveCredentials credentials;
    private final AtomicReference<Compiled> compiled = new AtomicReference<>();
    private final Clock clock;

    private record Known(byte[] digest, Principal principal) {
    }

    /** The digests and the verifier of one snapshot of the credentials. */
    private record Compiled(LiveCredentials.Snapshot source, List<Known> statics, Optional<SignedTokens> signed) {
    }

    /**
     * Creates the authenticator over the configuration's credentials alone (no env file or directory).
     *
     * @param config the security settings
     * @param clock  the clock expiry is checked against
     */
    public Authenticator(FlowcraftConfig.Security config, Clock clock) {
        this(config, LiveCredentials.create(config, Optional.empty(), Optional.empty()), clock);
    }

    /**
     * Creates the authenticator.
     *
     * @param config      the security settings (whether authentication is on)
     * @param credentials the tokens and secret, looked at on every request
     * @param clock       the clock expiry is checked against
     */
    public Authenticator(FlowcraftConfig.Security config, LiveCredentials credentials, Clock clock) {
        this.enabled = config.authEnabled();
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The credentials now, compiled once per change. */
    private Compiled now() {
        LiveCredentials.Snapshot snapshot = credentials.current();
        Compiled c = compiled.get();
        if (c != null && c.source() == snapshot) {
            return c;
        }
        List<Known> known = new ArrayList<>();
        for (FlowcraftConfig.Security.Token t : snapshot.tokens()) {
            known.add(new Known(digest(t.token()), new Principal(t.name(), Role.parse(t.role()).orElseThrow(),
                    t.graphs().map(Set::copyOf))));
        }
        Compiled next = new Compiled(snapshot, List.copyOf(known), snapshot.secret().map(SignedTokens::new));
        compiled.set(next);
        return next;
    }

    /**
     * The token {@code /metrics} asks for now, if any.
     *
     * @return the metrics token
     */
    Optional<String> metricsToken() {
        return credentials.current().metricsToken();
    }

    /**
     * Whether clients must present a token.
     *
     * @return {@code true} when authentication is on
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Checks a request's token.
     *
     * @param token the token the request carried, if any
     * @return who sent it (anyone, as an operator, when authentication is off), or why not
     */
    public Authentication authenticate(Optional<String> token) {
        if (!enabled) {
            return new Authentication.Accepted(Principal.anonymous());
        }
        if (token.isEmpty() || token.get().isEmpty()) {
            return new Authentication.Missing();
        }
        String t = token.get();
        if (t.length() > SignedTokens.MAX_LENGTH) {
            return new Authentication.Refused("the token is too long");
        }
        Compiled now = now();
        byte[] presented = digest(t);
        Principal match = null;
        for (Known k : now.statics()) {
            if (MessageDigest.isEqual(k.digest(), presented)) {
                match = k.principal();
            }
        }
        if (match != null) {
            return new Authentication.Accepted(match);
        }
        if (now.signed().isPresent() && t.chars().filter(c -> c == '.').count() == 2) {
            return now.signed().get().verify(t, clock.instant());
        }
        return new Authentication.Refused("the token is not valid");
    }

    /**
     * Whether a token equals an expected one, in constant time.
     *
     * @param presented the token a request carried
     * @param expected  the configured token
     * @return {@code true} if they are equal
     */
    static boolean same(String presented, String expected) {
        return MessageDigest.isEqual(digest(presented), digest(expected));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
