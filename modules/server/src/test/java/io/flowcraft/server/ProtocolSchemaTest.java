package io.flowcraft.server;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The client-message schemas accept what the server accepts and refuse what it refuses (server
 * messages are checked on every message the tests' clients receive, in {@link WsClient}).
 */
class ProtocolSchemaTest {
    @Test
    void validClientMessagesMatchTheirSchemas() {
        assertEquals(List.of(), ProtocolSchemas.violations("client", "sync_graph",
                "{\"type\":\"sync_graph\",\"correlationId\":\"c\",\"payload\":{\"version\":0,\"graph\":"
                        + TestServers.graph(3, "t", 5) + "}}"));
        assertEquals(List.of(), ProtocolSchemas.violations("client", "hello",
                "{\"type\":\"hello\",\"payload\":{\"capabilities\":[\"patch\"],\"since\":4}}"));
        assertEquals(List.of(), ProtocolSchemas.violations("client", "patch_graph",
                "{\"type\":\"patch_graph\",\"payload\":{\"baseVersion\":3,\"ops\":["
                        + "{\"op\":\"update_node\",\"id\":\"a\",\"position\":{\"x\":1,\"y\":2},\"data\":{\"k\":null}},"
                        + "{\"op\":\"add_edge\",\"edge\":{\"id\":\"e\",\"source\":\"a\",\"target\":\"b\"}},"
                        + "{\"op\":\"set_field\",\"key\":\"persons\",\"value\":{}}]}}"));
    }

    @Test
    void invalidClientMessagesAreRefusedByTheSchemasToo() {
        assertFalse(ProtocolSchemas.violations("client", "sync_graph",
                "{\"type\":\"sync_graph\",\"payload\":{\"version\":\"one\",\"graph\":{\"nodes\":[],\"edges\":[]}}}").isEmpty());
        assertFalse(ProtocolSchemas.violations("client", "patch_graph",
                "{\"type\":\"patch_graph\",\"payload\":{\"baseVersion\":1,\"ops\":[{\"op\":\"teleport\",\"id\":\"a\"}]}}").isEmpty());
        assertFalse(ProtocolSchemas.violations("client", "patch_graph",
                "{\"type\":\"patch_graph\",\"payload\":{\"baseVersion\":1,\"ops\":[{\"op\":\"set_field\",\"key\":\"nodes\",\"value\":1}]}}").isEmpty());
    }
}
