package io.flowcraft.server.security;

import io.flowcraft.server.config.FlowcraftConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signed tokens, static tokens, the command that mints tokens, and the connection and execution
 * counters, without a server.
 */
class SignedTokensTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    private final SignedTokens tokens = new SignedTokens(SECRET);

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(Authentication a) {
        return assertInstanceOf(Authentication.Refused.class, a).reason();
    }

    @Test
    void mintedTokenIsAStandardJwtThatVerifies() {
        String t = tokens.mint("ann", Role.EDITOR, NOW, NOW.plus(Duration.ofHours(1)), Optional.of(List.of("g1", "g2")));
        String[] parts = t.split("\\.");
        assertEquals(3, parts.length);
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        Principal p = assertInstanceOf(Authentication.Accepted.class, tokens.verify(t, NOW.plusSeconds(60))).principal();
        assertEquals(new Principal("ann", Role.EDITOR, Optional.of(Set.of("g1", "g2"))), p);
        assertTrue(p.mayOpen("g1"));
        assertFalse(p.mayOpen("g3"));
    }

    @Test
    void expiredTamperedForeignAndUnsignedTokensAreRefused() {
        String t = tokens.mint("ann", Role.VIEWER, NOW, NOW.plusSeconds(60), Optional.empty());
        assertEquals("the token has expired", refusal(tokens.verify(t, NOW.plusSeconds(60))));
        String[] parts = t.split("\\.");
        String promoted = parts[0] + "." + b64("{\"sub\":\"ann\",\"role\":\"operator\",\"exp\":"
                + NOW.plusSeconds(60).getEpochSecond() + "}") + "." + parts[2];
        assertEquals("the token's signature is not valid", refusal(tokens.verify(promoted, NOW)));
        char last = parts[2].charAt(parts[2].length() - 1);
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 1)
                + (last == 'A' ? 'B' : 'A');
        assertEquals("the token's signature is not valid", refusal(tokens.verify(badSignature, NOW)));
        String foreign = new SignedTokens(SECRET + "-other").mint("ann", Role.OPERATOR, NOW, NOW.plusSeconds(60),
                Optional.empty());
        assertEquals("the token's signature is not valid", refusal(tokens.verify(foreign, NOW)));
        String none = b64("{\"alg\":\"none\"}") + "." + parts[1] + ".";
        assertEquals("the token's signature is not valid", refusal(tokens.verify(none, NOW)));
        assertEquals("the token is not a signed token (header.payload.signature)", refusal(tokens.verify("abc", NOW)));
        assertEquals("the token is malformed", refusal(tokens.verify("a.b.!!", NOW)));
    }

    @Test
    void claimsAreChecked() {
        SignedTokens t = tokens;
        String header = b64("{\"alg\":\"HS256\"}");
        assertEquals("the token has no expiry (exp)", refusal(t.verify(signed(header, "{\"sub\":\"a\",\"role\":\"viewer\"}"), NOW)));
        assertEquals("the token needs a subject (sub) and a role (viewer, editor or operator)", refusal(t.verify(
                signed(header, "{\"sub\":\"a\",\"role\":\"admin\",\"exp\":" + (NOW.getEpochSecond() + 9) + "}"), NOW)));
        assertEquals("the token is not valid yet (nbf)", refusal(t.verify(signed(header, "{\"sub\":\"a\",\"role\":\"viewer\","
                + "\"exp\":" + (NOW.getEpochSecond() + 9) + ",\"nbf\":" + (NOW.getEpochSecond() + 5) + "}"), NOW)));
        assertEquals("the token's algorithm must be HS256", refusal(t.verify(signed(b64("{\"alg\":\"HS512\"}"),
                "{\"sub\":\"a\",\"role\":\"viewer\",\"exp\":" + (NOW.getEpochSecond() + 9) + "}"), NOW)));
    }

    /** A token signed with the right key over a hand-made header and payload. */
    private static String signed(String header, String payloadJson) {
        String body = header + "." + b64(payloadJson);
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void staticAndSignedTokensAuthenticate() {
        FlowcraftConfig.Security config = FlowcraftConfig.Security.defaults().withAuth(List.of(
                new FlowcraftConfig.Security.Token("ci", "operator", "static-token-for-ci-0001", Optional.empty()),
                new FlowcraftConfig.Security.Token("wall", "viewer", "static-token-for-wall-01", Optional.of(List.of("g")))),
                Optional.of(SECRET));
        Authenticator auth = new Authenticator(config, Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(new Principal("ci", Role.OPERATOR, Optional.empty()), accepted(auth, "static-token-for-ci-0001"));
        assertEquals(new Principal("wall", Role.VIEWER, Optional.of(Set.of("g"))), accepted(auth, "static-token-for-wall-01"));
        assertEquals("ann", accepted(auth, tokens.mint("ann", Role.EDITOR, NOW, NOW.plusSeconds(5), Optional.empty())).name());
        assertInstanceOf(Authentication.Missing.class, auth.authenticate(Optional.empty()));
        assertEquals("the token is not valid", refusal(auth.authenticate(Optional.of("static-token-for-ci-0002"))));
        Authenticator off = new Authenticator(FlowcraftConfig.Security.defaults(), Clock.systemUTC());
        assertEquals(Principal.anonymous(), accepted(off, "anything"));
        assertFalse(config.toString().contains("static-token"), config.toString());
        assertFalse(config.toString().contains(SECRET), config.toString());
    }

    private static Principal accepted(Authenticator auth, String token) {
        return assertInstanceOf(Authentication.Accepted.class, auth.authenticate(Optional.of(token))).principal();
    }

    @Test
    void tokenCommandMintsWithTheSecretFromTheEnvironment() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TokenTool.run(new String[] {"--role", "operator", "--name", "ci", "--ttl", "2h", "--graphs", "a,b"},
                new PrintStream(out), new PrintStream(err), Map.of("FLOWCRAFT_AUTH_SECRET", SECRET), NOW);
        assertEquals(0, code, err::toString);
        Principal p = assertInstanceOf(Authentication.Accepted.class,
                tokens.verify(out.toString().trim(), NOW.plus(Duration.ofMinutes(119)))).principal();
        assertEquals(new Principal("ci", Role.OPERATOR, Optional.of(Set.of("a", "b"))), p);
        assertEquals("the token has expired", refusal(tokens.verify(out.toString().trim(), NOW.plus(Duration.ofHours(2)))));

        ByteArrayOutputStream none = new ByteArrayOutputStream();
        assertEquals(2, TokenTool.run(new String[] {"--role", "viewer", "--name", "x"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(none), Map.of(), NOW));
        assertTrue(none.toString().contains("FLOWCRAFT_AUTH_SECRET"), none::toString);
        assertEquals(2, TokenTool.run(new String[] {"--role", "admin", "--name", "x"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), Map.of("FLOWCRAFT_AUTH_SECRET", SECRET), NOW));
        ByteArrayOutputStream secret = new ByteArrayOutputStream();
        assertEquals(0, TokenTool.run(new String[] {"--new-secret"}, new PrintStream(secret), System.err, Map.of(), NOW));
        assertTrue(secret.toString().trim().matches("[A-Za-z0-9_-]{43}"), secret::toString);
    }

    @Test
    void connectionSlotsNeverOvershootUnderConcurrency() throws InterruptedException {
        ConnectionLimits limits = new ConnectionLimits(10, 4);
        AtomicInteger opened = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String address = "10.0.0." + (i % 5);
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                if (limits.open(address).isEmpty()) {
                    opened.incrementAndGet();
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(10, opened.get());
        assertEquals(Optional.of("server"), limits.open("10.0.0.9"));
        limits.closed("10.0.0.0");
        assertEquals(Optional.empty(), limits.full("10.0.0.9"));
        assertEquals(Optional.empty(), limits.open("10.0.0.9"));
    }

    @Test
    void executionSlotsArePerGraphAndPerServerAndReleasedOnce() {
        List<String> counted = new ArrayList<>();
        ExecutionLimits limits = new ExecutionLimits(1, 2, new Refusals(counted::add));
        Runnable a = assertInstanceOf(ExecutionLimits.Start.Granted.class, limits.start("a")).release();
        Refusal perGraph = assertInstanceOf(ExecutionLimits.Start.Refused.class, limits.start("a")).refusal();
        assertEquals(Map.of("limit", 1, "scope", "graph", "setting", "flowcraft.limits.executions-per-graph"),
                perGraph.details());
        assertInstanceOf(ExecutionLimits.Start.Granted.class, limits.start("b"));
        Refusal server = assertInstanceOf(ExecutionLimits.Start.Refused.class, limits.start("c")).refusal();
        assertEquals("server", server.details().get("scope"));
        a.run();
        a.run();
        assertInstanceOf(ExecutionLimits.Start.Granted.class, limits.start("c"));
        assertInstanceOf(ExecutionLimits.Start.Refused.class, limits.start("a"));
        assertEquals(List.of("executions", "executions", "executions"), counted, "each refusal is counted");
    }
}
