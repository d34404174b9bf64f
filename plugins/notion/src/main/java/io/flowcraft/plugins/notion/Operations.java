package io.flowcraft.plugins.notion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The notion node's operations for one run, over one {@link NotionClient}. Not shared between runs. */
final class Operations {
    /** Notion accepts at most this many blocks in one children array, and returns at most this many per page. */
    static final int MAX_PAGE = 100;

    private final NotionClient notion;
    private final Inputs in;
    private final String operation;

    Operations(NotionClient notion, Inputs in, String operation) {
        this.notion = notion;
        this.in = in;
        this.operation = operation;
    }

    /** GET the page, then its top-level blocks (paginated, bounded), with their text. */
    Map<String, Object> readPage() throws InterruptedException {
        String id = in.id("page_id");
        Map<String, Object> page = notion.get("/pages/" + NotionClient.encode(id));
        Listing blocks = list((cursor, size) -> notion.get("/blocks/" + NotionClient.encode(id)
                + "/children?page_size=" + size + cursor.map(c -> "&start_cursor=" + NotionClient.encode(c)).orElse("")));
        List<Map<String, Object>> results = blocks.objects();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", page.get("id"));
        out.put("url", page.get("url"));
        out.put("title", Blocks.title(page));
        out.put("text", Blocks.text(results));
        out.put("page", page);
        out.put("blocks", results);
        out.put("has_more", blocks.hasMore());
        return out;
    }

    /** POST a database query, following {@code next_cursor} up to {@code max_results}. */
    Map<String, Object> queryDatabase() throws InterruptedException {
        String id = in.id("database_id");
        Optional<Object> filter = in.json("filter");
        Optional<Object> sorts = in.json("sorts");
        Optional<String> start = in.text("start_cursor");
        Listing pages = list((cursor, size) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            filter.ifPresent(f -> body.put("filter", f));
            sorts.ifPresent(s -> body.put("sorts", s instanceof List<?> ? s : List.of(s)));
            body.put("page_size", size);
            cursor.or(() -> start).ifPresent(c -> body.put("start_cursor", c));
            return notion.post("/databases/" + NotionClient.encode(id) + "/query", body, true);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("results", pages.results());
        out.put("count", pages.results().size());
        out.put("has_more", pages.hasMore());
        out.put("next_cursor", pages.nextCursor());
        return out;
    }

    /** POST a page under a page or a database, with a title, properties and content. */
    Map<String, Object> createPage() throws InterruptedException {
        boolean underPage = in.text("parent_page_id").isPresent();
        boolean underDatabase = in.text("database_id").isPresent();
        if (underPage == underDatabase) {
            throw new NotionFailure("notion create_page needs exactly one parent: parent_page_id or database_id");
        }
        Map<String, Object> parent = underPage ? Map.of("page_id", in.id("parent_page_id"))
                : Map.of("database_id", in.id("database_id"));
        Map<String, Object> properties = properties(underPage ? "title" : "Name");
        List<Map<String, Object>> blocks = Content.blocks(in, operation);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parent", parent);
        body.put("properties", properties);
        if (!blocks.isEmpty()) {
            body.put("children", blocks.subList(0, Math.min(MAX_PAGE, blocks.size())));
        }
        Map<String, Object> page = notion.post("/pages", body, false);
        String id = String.valueOf(page.get("id"));
        int appended = blocks.size() > MAX_PAGE ? append(id, blocks.subList(MAX_PAGE, blocks.size())).size() : 0;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("url", page.get("url"));
        out.put("blocks", Math.min(MAX_PAGE, blocks.size()) + appended);
        out.put("page", page);
        return out;
    }

    /** PATCH blocks onto the end of a page (or block), 100 at a time. */
    Map<String, Object> appendBlocks() throws InterruptedException {
        String id = in.id("page_id");
        List<Map<String, Object>> blocks = Content.blocks(in, operation);
        if (blocks.isEmpty()) {
            throw new NotionFailure("notion append_blocks has nothing to append: set content or blocks, "
                    + "or connect an input");
        }
        List<Object> created = append(id, blocks);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("page_id", id);
        out.put("appended", created.size());
        out.put("results", created);
        return out;
    }

    /** PATCH a page's properties (and title). */
    Map<String, Object> updatePage() throws InterruptedException {
        String id = in.id("page_id");
        Map<String, Object> properties = properties("title");
        if (properties.isEmpty()) {
            throw new NotionFailure("notion update_page has nothing to change: set properties or title");
        }
        Map<String, Object> page = notion.patch("/pages/" + NotionClient.encode(id),
                Map.of("properties", properties), true);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", page.get("id"));
        out.put("url", page.get("url"));
        out.put("title", Blocks.title(page));
        out.put("page", page);
        return out;
    }

    private List<Object> append(String id, List<Map<String, Object>> blocks) throws InterruptedException {
        List<Object> created = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i += MAX_PAGE) {
            Map<String, Object> answer = notion.patch("/blocks/" + NotionClient.encode(id) + "/children",
                    Map.of("children", blocks.subList(i, Math.min(blocks.size(), i + MAX_PAGE))), false);
            created.addAll(Json.list(answer, "results"));
        }
        return created;
    }

    private Map<String, Object> properties(String defaultTitleProperty) {
        Map<String, Object> properties = new LinkedHashMap<>();
        in.json("properties").ifPresent(p -> {
            if (!(p instanceof Map<?, ?> m)) {
                throw new NotionFailure("notion " + operation + ": properties must be an object of Notion property values");
            }
            m.forEach((k, v) -> properties.put(String.valueOf(k), v));
        });
        in.text("title").ifPresent(title -> properties.putIfAbsent(
                in.text("title_property").orElse(defaultTitleProperty), Blocks.titleProperty(title)));
        return properties;
    }

    private int pageSize() {
        return in.integer("page_size", 1, MAX_PAGE).orElse(MAX_PAGE);
    }

    /**
     * Follows {@code next_cursor} until Notion has no more or {@code max_results} are in hand; the last
     * request asks only for what is missing, so {@code next_cursor} continues exactly after the results.
     */
    private Listing list(Request request) throws InterruptedException {
        int max = in.integer("max_results", 1, 10_000).orElse(1000);
        int pageSize = pageSize();
        List<Object> results = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        while (true) {
            Map<String, Object> answer = request.send(cursor, Math.min(pageSize, max - results.size()));
            List<Object> page = Json.list(answer, "results");
            results.addAll(page.subList(0, Math.min(page.size(), max - results.size())));
            boolean more = Boolean.TRUE.equals(answer.get("has_more")) && answer.get("next_cursor") != null;
            cursor = more ? Optional.of(answer.get("next_cursor").toString()) : Optional.empty();
            if (!more || results.size() >= max) {
                return new Listing(List.copyOf(results), more, cursor.orElse(null));
            }
        }
    }

    /** One request of a paginated list: the cursor of the page to fetch, and how many results to ask for. */
    @FunctionalInterface
    private interface Request {
        Map<String, Object> send(Optional<String> cursor, int pageSize) throws InterruptedException;
    }

    /** What a paginated list gave: its results, and whether (and where) more remain. */
    private record Listing(List<Object> results, boolean hasMore, String nextCursor) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> objects() {
            return results.stream().filter(Map.class::isInstance).map(r -> (Map<String, Object>) r).toList();
        }
    }
}
