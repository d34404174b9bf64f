package io.flowcraft.server.http;

import io.flowcraft.api.spi.ActionDescriptor;
import io.flowcraft.api.spi.FieldSpec;
import io.flowcraft.graph.Json;
import io.flowcraft.plugins.PluginHost;
import io.flowcraft.plugins.PluginInfo;
import io.flowcraft.plugins.RegisteredAction;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugin catalogues: {@code GET /api/plugins} (id, version, state, failure, jar, extensions)
 * and {@code GET /api/actions} (id, label, description, node types, parameters, plugin).
 * Thread-safe.
 */
public final class PluginRoutes {
    private final PluginHost plugins;
    private final Json json;

    /**
     * Creates the routes.
     *
     * @param plugins the plugin host
     * @param json    the JSON codec
     */
    public PluginRoutes(PluginHost plugins, Json json) {
        this.plugins = plugins;
        this.json = json;
    }

    /**
     * Registers the routes.
     *
     * @param routing the HTTP routing to add to
     */
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/plugins", (req, res) -> send(res, Map.of("plugins",
                        plugins.plugins().stream().map(PluginRoutes::plugin).toList())))
                .get("/api/actions", (req, res) -> send(res, Map.of("actions", actions(plugins.actions()))));
    }

    /**
     * The action catalogue as JSON values, for HTTP and for {@code catalogue_changed}.
     *
     * @param actions the registered actions
     * @return one object per action
     */
    public static List<Object> actions(List<RegisteredAction> actions) {
        return actions.stream().map(PluginRoutes::action).toList();
    }

    private static Object plugin(PluginInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("version", p.version());
        m.put("state", p.state());
        m.put("failure", p.failure().orElse(null));
        m.put("jar", p.jar());
        m.put("extensions", p.extensions());
        return m;
    }

    private static Object action(RegisteredAction a) {
        ActionDescriptor d = a.descriptor();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("label", d.label());
        m.put("description", d.description());
        m.put("nodeTypes", d.nodeTypes());
        m.put("parameters", d.parameters().stream().map(PluginRoutes::field).toList());
        m.put("plugin", a.pluginId());
        return m;
    }

    /**
     * A descriptor field as a JSON value.
     *
     * @param f the field
     * @return its JSON form
     */
    public static Map<String, Object> field(FieldSpec f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("type", f.type().wire());
        m.put("required", f.required());
        f.defaultValue().ifPresent(v -> m.put("default", v));
        m.put("description", f.description());
        if (!f.options().isEmpty()) {
            m.put("options", f.options());
        }
        return m;
    }

    private void send(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json.write(body));
    }
}
