package io.flowcraft.server.security;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Signed tokens: JSON Web Tokens (RFC 7519) signed with HMAC-SHA256 ({@code HS256}) under the
 * server's shared secret, {@code base64url(header).base64url(payload).base64url(signature)}. The
 * payload carries {@code sub} (who), {@code role} ({@code viewer}, {@code editor} or
 * {@code operator}), {@code exp} (expiry, seconds since the epoch; required), {@code iat}, and
 * optionally {@code graphs} (the only graph ids the token may open) and {@code nbf}.
 *
 * <p>Only {@code HS256} is accepted (never {@code none}); the signature is compared in constant
 * time before anything in the payload is believed. Thread-safe.
 */
public final class SignedTokens {
    /** Longest token looked at; longer ones are refused unread. */
    static final int MAX_LENGTH = 8192;
    private static final String HEADER = b64(("{\"alg\":\"HS256\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;

    /**
     * Creates the signer and verifier.
     *
     * @param secret the shared secret (at least 32 bytes of it should be random)
     */
    public SignedTokens(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * Makes a token.
     *
     * @param subject who it is for
     * @param role    what it may do
     * @param issued  when it is issued
     * @param expires when it stops being accepted
     * @param graphs  the only graphs it may open, or empty for all
     * @return the token
     */
    public String mint(String subject, Role role, Instant issued, Instant expires, Optional<List<String>> graphs) {
        JsonObjectBuilder payload = Json.createObjectBuilder().add("sub", subject).add("role", role.wire())
                .add("iat", issued.getEpochSecond()).add("exp", expires.getEpochSecond());
        graphs.ifPresent(list -> {
            JsonArrayBuilder a = Json.createArrayBuilder();
            list.forEach(a::add);
            payload.add("graphs", a);
        });
        String body = HEADER + "." + b64(payload.build().toString().getBytes(StandardCharsets.UTF_8));
        return body + "." + b64(sign(body));
    }

    /**
     * Checks a token's signature, algorithm, expiry and claims.
     *
     * @param token the token
     * @param now   the time to check expiry against
     * @return who it is, or why it is refused
     */
    public Authentication verify(String token, Instant now) {
        if (token.length() > MAX_LENGTH) {
            return new Authentication.Refused("the token is too long");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return new Authentication.Refused("the token is not a signed token (header.payload.signature)");
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return new Authentication.Refused("the token is malformed");
        }
        if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
            return new Authentication.Refused("the token's signature is not valid");
        }
        JsonObject header;
        JsonObject claims;
        try {
            header = object(parts[0]);
            claims = object(parts[1]);
        } catch (RuntimeException e) {
            return new Authentication.Refused("the token is malformed");
        }
        if (!"HS256".equals(text(header, "alg").orElse(""))) {
            return new Authentication.Refused("the token's algorithm must be HS256");
        }
        Optional<Long> exp = seconds(claims, "exp");
        if (exp.isEmpty()) {
            return new Authentication.Refused("the token has no expiry (exp)");
        }
        if (now.getEpochSecond() >= exp.get()) {
            return new Authentication.Refused("the token has expired");
        }
        if (seconds(claims, "nbf").map(nbf -> now.getEpochSecond() < nbf).orElse(false)) {
            return new Authentication.Refused("the token is not valid yet (nbf)");
        }
        Optional<String> subject = text(claims, "sub").filter(s -> !s.isBlank());
        Optional<Role> role = text(claims, "role").flatMap(Role::parse);
        if (subject.isEmpty() || role.isEmpty()) {
            return new Authentication.Refused("the token needs a subject (sub) and a role (viewer, editor or operator)");
        }
        Optional<Set<String>> graphs;
        try {
            graphs = graphs(claims);
        } catch (RuntimeException e) {
            return new Authentication.Refused("the token's graphs must be a list of graph ids");
        }
        return new Authentication.Accepted(new Principal(subject.get(), role.get(), graphs));
    }

    private byte[] sign(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static JsonObject object(String part) {
        String text = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static Optional<String> text(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    private static Optional<Long> seconds(JsonObject o, String name) {
        return o.get(name) instanceof JsonNumber n ? Optional.of(n.longValue()) : Optional.empty();
    }

    private static Optional<Set<String>> graphs(JsonObject claims) {
        JsonValue v = claims.get("graphs");
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonValue g : v.asJsonArray()) {
            out.add(((JsonString) g).getString());
        }
        return Optional.of(out);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
