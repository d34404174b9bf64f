package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.MemoryMessage;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which part of a person's memory a {@code person_job} turn sees, from the node's
 * {@code memorize_to} field (or DiPeO's older {@code memory_profile}). Every turn is remembered
 * afterwards whatever the policy, so other nodes speaking as the person can see it.
 */
enum MemoryPolicy {
    /** The person's whole conversation (DiPeO {@code ALL_MESSAGES}, {@code FULL}, "remember all"; the default). */
    ALL_MESSAGES,
    /** Nothing remembered: only this prompt (DiPeO {@code GOLDFISH}, {@code MINIMAL}). */
    GOLDFISH,
    /** Only this node's own earlier turns (DiPeO {@code FOCUSED}). */
    OWN_TURNS,
    /** The person's memory is cleared before every turn (DiPeO's {@code forget: on_every_turn}). */
    RESET;

    /** What the field description says; keep in step with {@link #parse}. */
    static final String ACCEPTED = "ALL_MESSAGES (also ALL, FULL, 'remember all'; the default), "
            + "GOLDFISH (also NONE, MINIMAL), OWN_TURNS (also FOCUSED, OWN), RESET (also ON_EVERY_TURN, FORGET)";

    private static final Map<String, MemoryPolicy> NAMES = Map.ofEntries(
            Map.entry("ALL_MESSAGES", ALL_MESSAGES), Map.entry("ALL", ALL_MESSAGES), Map.entry("FULL", ALL_MESSAGES),
            Map.entry("REMEMBER_ALL", ALL_MESSAGES), Map.entry("ALL_INVOLVED", ALL_MESSAGES),
            Map.entry("GOLDFISH", GOLDFISH), Map.entry("NONE", GOLDFISH), Map.entry("MINIMAL", GOLDFISH),
            Map.entry("OWN_TURNS", OWN_TURNS), Map.entry("OWN", OWN_TURNS), Map.entry("FOCUSED", OWN_TURNS),
            Map.entry("RESET", RESET), Map.entry("ON_EVERY_TURN", RESET), Map.entry("FORGET", RESET));

    /** The node's policy; blank means {@link #ALL_MESSAGES}; anything unknown fails naming the accepted values. */
    static MemoryPolicy of(Map<String, Object> data) {
        String field = data.get("memorize_to") != null && !data.get("memorize_to").toString().isBlank()
                ? "memorize_to" : "memory_profile";
        String raw = Fields.string(data, field).orElse("ALL_MESSAGES");
        MemoryPolicy policy = NAMES.get(raw.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_"));
        if (policy == null) {
            throw new NodeFailure("field '" + field + "' is '" + raw + "'; accepted values: " + ACCEPTED);
        }
        return policy;
    }

    /** The part of {@code conversation} a turn of {@code nodeId} sees under this policy. */
    List<MemoryMessage> select(List<MemoryMessage> conversation, String nodeId) {
        return switch (this) {
            case ALL_MESSAGES -> conversation;
            case OWN_TURNS -> conversation.stream().filter(m -> m.nodeId().equals(nodeId)).toList();
            case GOLDFISH, RESET -> List.of();
        };
    }
}
