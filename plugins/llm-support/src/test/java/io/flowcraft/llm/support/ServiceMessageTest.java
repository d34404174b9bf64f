package io.flowcraft.llm.support;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service's message is cut to 500 characters only after the key is out of it. */
class ServiceMessageTest {
    private static final String KEY = "sk-cTvY8x7WufPGGbNYEq2mZr9LwKd4HsJ6";
    private static final Redactor REDACTOR = new Redactor(Optional.of(KEY));

    @Test
    void aKeyAcrossTheCutLeavesNoPartBehind() {
        String preamble = "x".repeat(480);
        String said = ServiceMessage.of("{\"error\":{\"message\":\"" + preamble + KEY + " is not valid\"}}", REDACTOR);
        assertFalse(said.contains(KEY.substring(0, 12)), said);
        assertTrue(said.startsWith(preamble + Redactor.MASK), said);
        String plain = ServiceMessage.of(preamble + KEY + " is not valid", REDACTOR);
        assertFalse(plain.contains(KEY.substring(0, 12)), plain);
    }

    @Test
    void aKeyTheServiceEscapedIsRemovedFromTheMessage() {
        String escaped = KEY.replace("-", "\\u002d");
        assertEquals("bad key " + Redactor.MASK,
                ServiceMessage.of("{\"message\":\"bad key " + escaped + "\"}", REDACTOR));
    }
}
