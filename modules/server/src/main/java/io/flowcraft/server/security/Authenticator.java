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

/**
 * Tells who a token belongs to: one of the configured static tokens, or a token signed with the
 * configured secret ({@link SignedTokens}). With authentication off, everyone is
 * {@link Principal#anonymous()}. Static tokens are compared by their SHA-256 digests in constant
 * time, every one of them each time, so neither a match nor its position leaks through timing.
 * Tokens are never logged. Thread-safe.
 */
public final class Authenticator {
    private final boolean enabled;
    private final List<Known> statics;
    private final Optional<SignedTokens> signed;
    private final Clock clock;

    private record Known(byte[] digest, Principal principal) {
    }

    /**
     * Creates the authenticator.
     *
     * @param config the security settings
     * @param clock  the clock expiry is checked against
     */
    public Authenticator(FlowcraftConfig.Security config, Clock clock) {
        this.enabled = config.authEnabled();
        this.clock = clock;
        List<Known> known = new ArrayList<>();
        for (FlowcraftConfig.Security.Token t : config.tokens()) {
            known.add(new Known(digest(t.token()), new Principal(t.name(), Role.parse(t.role()).orElseThrow(),
                    t.graphs().map(Set::copyOf))));
        }
        this.statics = List.copyOf(known);
        this.signed = config.secret().map(SignedTokens::new);
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
        byte[] presented = digest(t);
        Principal match = null;
        for (Known k : statics) {
            if (MessageDigest.isEqual(k.digest(), presented)) {
                match = k.principal();
            }
        }
        if (match != null) {
            return new Authentication.Accepted(match);
        }
        if (signed.isPresent() && t.chars().filter(c -> c == '.').count() == 2) {
            return signed.get().verify(t, clock.instant());
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
