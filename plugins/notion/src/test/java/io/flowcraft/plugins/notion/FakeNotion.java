package io.flowcraft.plugins.notion;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Notion's REST API (version 2022-06-28) on 127.0.0.1, speaking its documented wire
 * format: bearer token and {@code Notion-Version} checks, page/block/list objects with
 * {@code has_more}/{@code next_cursor} pagination over two pages, and Notion's error object.
 * Records every request; scripted failures ({@link #failNext}) answer the next requests first.
 */
final class FakeNotion implements AutoCloseable {
    static final String TOKEN = "secret_FlowcraftTest0123456789";
    static final String PAGE = "59833787-2cf9-4fdf-8782-e53db20768a5";
    static final String DATABASE = "d9824bdc-8445-4327-be8b-5b47500af6ce";

    /** One request as the server saw it. */
    record Request(String method, String path, Map<String, Object> body) {
    }

    private record Failure(int status, String code, String message, String retryAfter) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();

    FakeNotion() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/", this::handle);
        server.start();
    }

    /** The base URL to configure as the secret {@code notion_base_url}. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The secrets an operator would configure for this server. */
    Map<String, String> secrets() {
        return Map.of("notion", TOKEN, "notion_base_url", base());
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Answers the next request with this error (and {@code Retry-After}, when not null). */
    synchronized void failNext(int status, String code, String message, String retryAfter) {
        failures.add(new Failure(status, code, message, retryAfter));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().toString().substring("/v1".length());
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, Object> body = text.isEmpty() ? Map.of() : object(Json.parse(text));
            requests.add(new Request(method, path, body));
            Failure failure;
            synchronized (this) {
                failure = failures.poll();
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                failure = new Failure(401, "unauthorized", "API token is invalid.", null);
            } else if (!NotionClient.VERSION.equals(exchange.getRequestHeaders().getFirst("Notion-Version"))) {
                failure = new Failure(400, "missing_version",
                        "Notion-Version header failed validation: Notion-Version header should be defined.", null);
            } else if (!text.isEmpty() && !"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                failure = new Failure(400, "invalid_json", "Error parsing JSON body.", null);
            }
            if (failure != null) {
                if (failure.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
                }
                send(exchange, failure.status(), error(failure.status(), failure.code(), failure.message()));
                return;
            }
            Object answer = route(method, path, body);
            send(exchange, answer instanceof Map<?, ?> m && "error".equals(m.get("object"))
                    ? ((Number) m.get("status")).intValue() : 200, answer);
        }
    }

    private Object route(String method, String path, Map<String, Object> body) {
        String[] parts = path.split("\\?", 2);
        String query = parts.length > 1 ? parts[1] : "";
        String[] segments = parts[0].substring(1).split("/");
        return switch (method + " " + segments[0] + (segments.length > 2 ? "/" + segments[2] : "")) {
            case "GET pages" -> PAGE.equals(segments[1]) ? page(PAGE, "Launch plan")
                    : notFound("page", segments[1]);
            case "GET blocks/children" -> PAGE.equals(segments[1]) ? blockChildren(query)
                    : notFound("block", segments[1]);
            case "POST databases/query" -> DATABASE.equals(segments[1]) ? query(body)
                    : notFound("database", segments[1]);
            case "POST pages" -> createPage(body);
            case "PATCH blocks/children" -> append(segments[1], body);
            case "PATCH pages" -> PAGE.equals(segments[1]) ? updatePage(body) : notFound("page", segments[1]);
            default -> error(400, "invalid_request_url", "Invalid request URL.");
        };
    }

    private Object blockChildren(String query) {
        if (!query.contains("page_size=")) {
            return error(400, "validation_error", "page_size should be defined");
        }
        if (query.contains("start_cursor=cursor-blocks-2")) {
            return list("block", List.of(block("bulleted_list_item", "Ship the beta"), block("divider", null),
                    block("to_do", "Write the announcement")), null);
        }
        return list("block", List.of(block("heading_1", "Plan"), block("paragraph", "We launch in May.")),
                "cursor-blocks-2");
    }

    private Object query(Map<String, Object> body) {
        if (body.containsKey("filter") && !(body.get("filter") instanceof Map<?, ?>)) {
            return error(400, "validation_error", "body failed validation: body.filter should be an object.");
        }
        if (body.containsKey("sorts") && !(body.get("sorts") instanceof List<?>)) {
            return error(400, "validation_error", "body failed validation: body.sorts should be an array.");
        }
        int size = ((Number) body.getOrDefault("page_size", 100)).intValue();
        boolean second = "cursor-rows-2".equals(body.get("start_cursor"));
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(size, 2); i++) {
            rows.add(page(UUID.randomUUID().toString(), "Task " + (second ? 3 + i : 1 + i)));
        }
        return list("page", rows, second ? null : "cursor-rows-2");
    }

    private Object createPage(Map<String, Object> body) {
        Map<?, ?> parent = body.get("parent") instanceof Map<?, ?> p ? p : Map.of();
        if (!parent.containsKey("page_id") && !parent.containsKey("database_id")) {
            return error(400, "validation_error", "body failed validation: body.parent should be defined.");
        }
        Map<?, ?> properties = body.get("properties") instanceof Map<?, ?> p ? p : Map.of();
        String titleKey = parent.containsKey("page_id") ? "title" : "Name";
        if (!(properties.get(titleKey) instanceof Map<?, ?> title) || !(title.get("title") instanceof List<?>)) {
            return error(400, "validation_error", "body failed validation: body.properties." + titleKey
                    + " should be defined, instead was `undefined`.");
        }
        Object children = body.getOrDefault("children", List.of());
        if (!(children instanceof List<?> c) || c.size() > 100) {
            return error(400, "validation_error", "body failed validation: body.children.length should be ≤ `100`.");
        }
        return page("6f1e0a2c-0000-4000-8000-00000000c0de", "created");
    }

    private Object append(String id, Map<String, Object> body) {
        if (!(body.get("children") instanceof List<?> children) || children.isEmpty() || children.size() > 100) {
            return error(400, "validation_error", "body failed validation: body.children.length should be ≤ `100`.");
        }
        List<Object> created = new ArrayList<>();
        for (Object child : children) {
            Map<String, Object> block = new LinkedHashMap<>(object(child));
            block.put("object", "block");
            block.put("id", UUID.randomUUID().toString());
            block.put("parent", Map.of("type", "page_id", "page_id", id));
            created.add(block);
        }
        return list("block", created, null);
    }

    private Object updatePage(Map<String, Object> body) {
        if (!(body.get("properties") instanceof Map<?, ?> properties)) {
            return error(400, "validation_error", "body failed validation: body.properties should be an object.");
        }
        Map<String, Object> page = page(PAGE, "Launch plan");
        Map<String, Object> merged = new LinkedHashMap<>(Json.object(page, "properties"));
        properties.forEach((k, v) -> {
            Map<String, Object> value = new LinkedHashMap<>(object(v));
            if (value.containsKey("title")) {
                value.put("type", "title");
            }
            merged.put(String.valueOf(k), value);
        });
        page.put("properties", merged);
        return page;
    }

    static Map<String, Object> page(String id, String title) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("object", "page");
        page.put("id", id);
        page.put("created_time", "2026-11-20T09:00:00.000Z");
        page.put("last_edited_time", "2026-11-24T10:00:00.000Z");
        page.put("archived", false);
        page.put("parent", Map.of("type", "workspace", "workspace", true));
        page.put("url", "https://www.notion.so/" + title.replace(' ', '-') + "-" + id.replace("-", ""));
        page.put("properties", Map.of("title", Map.of("id", "title", "type", "title",
                "title", List.of(richText(title)))));
        return page;
    }

    private static Map<String, Object> block(String type, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (text != null) {
            body.put("rich_text", List.of(richText(text)));
            body.put("color", "default");
        }
        if (type.equals("to_do")) {
            body.put("checked", false);
        }
        return Map.of("object", "block", "id", UUID.randomUUID().toString(), "has_children", false,
                "archived", false, "type", type, type, body);
    }

    private static Map<String, Object> richText(String text) {
        return Map.of("type", "text", "text", Map.of("content", text), "plain_text", text,
                "annotations", Map.of("bold", false, "italic", false, "code", false, "color", "default"));
    }

    private static Map<String, Object> list(String type, List<Object> results, String nextCursor) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("results", results);
        list.put("next_cursor", nextCursor);
        list.put("has_more", nextCursor != null);
        list.put("type", type.equals("page") ? "page_or_database" : "block");
        list.put(type.equals("page") ? "page_or_database" : "block", Map.of());
        return list;
    }

    private static Map<String, Object> notFound(String kind, String id) {
        return error(404, "object_not_found", "Could not find " + kind + " with ID: " + id
                + ". Make sure the relevant pages and databases are shared with your integration.");
    }

    private static Map<String, Object> error(int status, String code, String message) {
        return Map.of("object", "error", "status", status, "code", code, "message", message,
                "request_id", UUID.randomUUID().toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
