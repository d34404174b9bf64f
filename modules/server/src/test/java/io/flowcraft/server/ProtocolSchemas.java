package io.flowcraft.server;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The protocol's JSON Schemas ({@code docs/schemas}), which the server tests and the browser
 * client's tests both validate messages against.
 */
final class ProtocolSchemas {
    private static final String BASE = "https://flowcraft.io/schemas/";
    static final Path DIR = Path.of("../../docs/schemas").toAbsolutePath().normalize();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix(BASE, DIR.toUri().toString())));
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private ProtocolSchemas() {
    }

    /**
     * Validates a message against the schema for its direction and type.
     *
     * @param direction {@code server} (server → client) or {@code client}
     * @param type      the message type
     * @param json      the message text
     * @return the violations, empty when valid
     */
    static List<String> violations(String direction, String type, String json) {
        Path file = DIR.resolve(direction).resolve(type + ".schema.json");
        if (!Files.isRegularFile(file)) {
            return List.of("no schema for " + direction + " message type '" + type + "' in " + DIR);
        }
        JsonSchema schema = SCHEMAS.computeIfAbsent(direction + "/" + type,
                k -> FACTORY.getSchema(SchemaLocation.of(BASE + k + ".schema.json")));
        return schema.validate(json, InputFormat.JSON).stream().map(ValidationMessage::getMessage).toList();
    }
}
