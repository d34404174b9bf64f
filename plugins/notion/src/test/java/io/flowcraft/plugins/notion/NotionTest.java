package io.flowcraft.plugins.notion;

import io.flowcraft.api.spi.NodeResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The notion node against a stand-in of Notion's REST API, as a diagram would run it. */
class NotionTest {
    private final Notion notion = new Notion();
    private FakeNotion server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeNotion();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void readPageFollowsBlockPaginationAndRendersTheTextForLlms() throws Exception {
        Map<String, Object> out = run(Map.of("operation", "read_page", "page_id", FakeNotion.PAGE));

        assertEquals(FakeNotion.PAGE, out.get("id"));
        assertEquals("Launch plan", out.get("title"));
        assertEquals("# Plan\nWe launch in May.\n- Ship the beta\n[ ] Write the announcement", out.get("text"));
        assertEquals(5, ((List<?>) out.get("blocks")).size());
        assertEquals(false, out.get("has_more"));
        List<String> paths = paths();
        assertEquals(List.of("GET /pages/" + FakeNotion.PAGE,
                "GET /blocks/" + FakeNotion.PAGE + "/children?page_size=100",
                "GET /blocks/" + FakeNotion.PAGE + "/children?page_size=100&start_cursor=cursor-blocks-2"), paths);
    }

    @Test
    void pageIdMayBeANotionUrlOrComeFromAnInputEdge() throws Exception {
        String url = "https://www.notion.so/acme/Launch-plan-" + FakeNotion.PAGE.replace("-", "") + "?pvs=4";
        assertEquals("Launch plan", run(Map.of("operation", "read_page", "page_id", url)).get("title"));

        TestContext fromEdge = TestContext.of(Map.of("operation", "read_page"), server.secrets())
                .withInputs(Map.of("page_id", FakeNotion.PAGE.replace("-", "")));
        assertEquals("Launch plan", output(notion.execute(fromEdge)).get("title"));
    }

    @Test
    void queryDatabaseSendsFilterAndSortsAndFollowsNextCursor() throws Exception {
        Map<String, Object> filter = Map.of("property", "Done", "checkbox", Map.of("equals", false));
        Map<String, Object> out = run(Map.of("operation", "query_database", "database_id", FakeNotion.DATABASE,
                "filter", filter, "sorts", "[{\"property\": \"Due\", \"direction\": \"ascending\"}]", "page_size", 2));

        assertEquals(4L, out.get("count"));
        assertEquals(List.of("Task 1", "Task 2", "Task 3", "Task 4"), titles(out));
        assertEquals(false, out.get("has_more"));
        List<FakeNotion.Request> requests = server.requests();
        assertEquals(2, requests.size());
        assertEquals("POST /databases/" + FakeNotion.DATABASE + "/query", requests.get(0).method() + " " + requests.get(0).path());
        assertEquals(filter, requests.get(0).body().get("filter"));
        assertEquals(List.of(Map.of("property", "Due", "direction", "ascending")), requests.get(0).body().get("sorts"));
        assertEquals(2, requests.get(0).body().get("page_size"));
        assertFalse(requests.get(0).body().containsKey("start_cursor"));
        assertEquals("cursor-rows-2", requests.get(1).body().get("start_cursor"));
    }

    @Test
    void queryDatabaseStopsAtMaxResultsAndSaysWhereToContinue() throws Exception {
        Map<String, Object> out = run(Map.of("operation", "query_database", "database_id", FakeNotion.DATABASE,
                "max_results", 2));

        assertEquals(2L, out.get("count"));
        assertEquals(true, out.get("has_more"));
        assertEquals("cursor-rows-2", out.get("next_cursor"));
        assertEquals(1, server.requests().size());
        assertEquals(2, server.requests().getFirst().body().get("page_size"), "asks only for what it keeps");

        Map<String, Object> next = run(Map.of("operation", "query_database", "database_id", FakeNotion.DATABASE,
                "start_cursor", out.get("next_cursor")));
        assertEquals(List.of("Task 3", "Task 4"), titles(next));
        assertEquals(false, next.get("has_more"));
    }

    @Test
    void createPageInADatabaseTakesItsContentFromTheDefaultInput() throws Exception {
        TestContext context = TestContext.of(Map.of("operation", "create_page", "database_id", FakeNotion.DATABASE,
                        "title", "Weekly summary", "properties", Map.of("Status", Map.of("select", Map.of("name", "Draft")))),
                server.secrets()).withInputs(Map.of("default", "First paragraph.\n\nSecond paragraph."));
        Map<String, Object> out = output(notion.execute(context));

        assertEquals("6f1e0a2c-0000-4000-8000-00000000c0de", out.get("id"));
        assertTrue(out.get("url").toString().startsWith("https://www.notion.so/"));
        Map<String, Object> body = only("POST /pages").body();
        assertEquals(Map.of("database_id", FakeNotion.DATABASE), body.get("parent"));
        assertEquals(Map.of("title", List.of(Map.of("type", "text", "text", Map.of("content", "Weekly summary")))),
                Json.object(Json.object(body, "properties"), "Name"));
        assertEquals(Map.of("select", Map.of("name", "Draft")), Json.object(Json.object(body, "properties"), "Status"));
        assertEquals(List.of("First paragraph.", "Second paragraph."), paragraphTexts(Json.list(body, "children")));
    }

    @Test
    void createPageWithMoreThanAHundredBlocksAppendsTheRest() throws Exception {
        String content = IntStream.rangeClosed(1, 150).mapToObj(i -> "Paragraph " + i).collect(Collectors.joining("\n\n"));
        Map<String, Object> out = run(Map.of("operation", "create_page", "parent_page_id", FakeNotion.PAGE,
                "title", "Long notes", "content", content));

        assertEquals(150L, out.get("blocks"));
        List<FakeNotion.Request> requests = server.requests();
        assertEquals(List.of("POST /pages", "PATCH /blocks/6f1e0a2c-0000-4000-8000-00000000c0de/children"), paths());
        assertEquals(Map.of("page_id", FakeNotion.PAGE), requests.get(0).body().get("parent"));
        assertTrue(Json.object(requests.get(0).body(), "properties").containsKey("title"));
        assertEquals(100, Json.list(requests.get(0).body(), "children").size());
        assertEquals("Paragraph 101", paragraphTexts(Json.list(requests.get(1).body(), "children")).getFirst());
    }

    @Test
    void appendBlocksCutsLongTextIntoPiecesNotionAccepts() throws Exception {
        String longParagraph = "x".repeat(4500);
        Map<String, Object> out = run(Map.of("operation", "append_blocks", "page_id", FakeNotion.PAGE,
                "content", "Short.\n\n" + longParagraph));

        assertEquals(2L, out.get("appended"));
        List<Object> children = Json.list(only("PATCH /blocks/" + FakeNotion.PAGE + "/children").body(), "children");
        List<Object> pieces = Json.list(Json.object(asMap(children.get(1)), "paragraph"), "rich_text");
        assertEquals(List.of(2000, 2000, 500), pieces.stream()
                .map(p -> Json.object(asMap(p), "text").get("content").toString().length()).toList());
    }

    @Test
    void appendBlocksSendsBlockObjectsAsTheyAre() throws Exception {
        List<Map<String, Object>> blocks = List.of(
                Map.of("type", "heading_2", "heading_2", Map.of("rich_text", List.of(Map.of("text", Map.of("content", "Notes"))))),
                Map.of("type", "divider", "divider", Map.of()));
        Map<String, Object> out = run(Map.of("operation", "append_blocks", "page_id", FakeNotion.PAGE, "blocks", blocks));

        assertEquals(2L, out.get("appended"));
        assertEquals(blocks, only("PATCH /blocks/" + FakeNotion.PAGE + "/children").body().get("children"));
    }

    @Test
    void updatePageSetsPropertiesAndTitle() throws Exception {
        Map<String, Object> out = run(Map.of("operation", "update_page", "page_id", FakeNotion.PAGE,
                "title", "Launch plan v2", "properties", "{\"Status\": {\"select\": {\"name\": \"Done\"}}}"));

        assertEquals("Launch plan v2", out.get("title"));
        Map<String, Object> properties = Json.object(only("PATCH /pages/" + FakeNotion.PAGE).body(), "properties");
        assertEquals(Map.of("select", Map.of("name", "Done")), properties.get("Status"));
        assertTrue(properties.containsKey("title"));
    }

    @Test
    void aRejectedTokenIsNamedWithoutBeingShown() {
        String wrong = "secret_WrongToken987";
        TestContext context = TestContext.of(Map.of("operation", "read_page", "page_id", FakeNotion.PAGE),
                Map.of("notion", wrong, "notion_base_url", server.base()));
        NotionFailure failure = assertThrows(NotionFailure.class, () -> notion.execute(context));

        assertTrue(failure.getMessage().contains("notion read_page failed: HTTP 401 unauthorized: API token is invalid."),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("flowcraft.secrets.notion"), failure.getMessage());
        assertFalse(failure.getMessage().contains(wrong), failure.getMessage());
        assertEquals(1, server.requests().size(), "401 is not retried");
    }

    @Test
    void aMissingTokenTellsTheOperatorWhatToSet() {
        TestContext context = TestContext.of(Map.of("operation", "read_page", "page_id", FakeNotion.PAGE),
                Map.of("notion_base_url", server.base()));
        NotionFailure failure = assertThrows(NotionFailure.class, () -> notion.execute(context));

        assertTrue(failure.getMessage().contains("flowcraft.secrets.notion"), failure.getMessage());
        assertTrue(failure.getMessage().contains("FLOWCRAFT_SECRETS_NOTION"), failure.getMessage());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void anUnsharedPageNamesNotionsCodeAndMessage() {
        String other = "0123456789abcdef0123456789abcdef";
        NotionFailure failure = assertThrows(NotionFailure.class,
                () -> run(Map.of("operation", "read_page", "page_id", other)));

        assertTrue(failure.getMessage().startsWith("notion read_page failed: HTTP 404 object_not_found: "
                + "Could not find page with ID: 01234567-89ab-cdef-0123-456789abcdef."), failure.getMessage());
        assertTrue(failure.getMessage().contains("shared with the integration"), failure.getMessage());
    }

    @Test
    void aValidationErrorIsReportedAndNotRetried() {
        NotionFailure failure = assertThrows(NotionFailure.class, () -> run(Map.of("operation", "create_page",
                "database_id", FakeNotion.DATABASE, "content", "no title")));

        assertTrue(failure.getMessage().contains("notion create_page failed: HTTP 400 validation_error: "
                + "body failed validation: body.properties.Name should be defined"), failure.getMessage());
        assertEquals(1, server.requests().size());
    }

    @Test
    void aRateLimitIsRetriedAfterRetryAfter() throws Exception {
        server.failNext(429, "rate_limited", "You have been rate limited. Please try again in a few minutes.", "1");
        long started = System.nanoTime();
        Map<String, Object> out = run(Map.of("operation", "query_database", "database_id", FakeNotion.DATABASE));

        assertEquals(4L, out.get("count"));
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(900), "waited for Retry-After");
        assertEquals(3, server.requests().size(), "the limited request, its retry, the second page");
    }

    @Test
    void aRateLimitLongerThanTheNodesTimeoutFailsAtOnce() {
        server.failNext(429, "rate_limited", "You have been rate limited.", "20");
        TestContext context = TestContext.of(Map.of("operation", "read_page", "page_id", FakeNotion.PAGE),
                server.secrets()).withTimeout(Duration.ofSeconds(5));
        long started = System.nanoTime();
        NotionFailure failure = assertThrows(NotionFailure.class, () -> notion.execute(context));

        assertTrue(failure.getMessage().contains("notion read_page failed: HTTP 429 rate_limited"), failure.getMessage());
        assertTrue(failure.getMessage().contains("asked to wait 20 s"), failure.getMessage());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3));
    }

    @Test
    void serverErrorsAreRetriedForReadsButNeverForCreates() throws Exception {
        server.failNext(503, "service_unavailable", "Notion is unavailable.", null);
        assertEquals("Launch plan", run(Map.of("operation", "read_page", "page_id", FakeNotion.PAGE)).get("title"));
        assertEquals(4, server.requests().size());

        server.failNext(503, "service_unavailable", "Notion is unavailable.", null);
        NotionFailure failure = assertThrows(NotionFailure.class, () -> run(Map.of("operation", "create_page",
                "parent_page_id", FakeNotion.PAGE, "title", "Once only")));
        assertTrue(failure.getMessage().contains("notion create_page failed: HTTP 503 service_unavailable"),
                failure.getMessage());
        assertEquals(5, server.requests().size(), "a create that may have happened is not repeated");
    }

    @Test
    void cancellingTheRunInterruptsTheWait() throws Exception {
        server.failNext(429, "rate_limited", "You have been rate limited.", "10");
        TestContext context = TestContext.of(Map.of("operation", "read_page", "page_id", FakeNotion.PAGE),
                server.secrets()).withTimeout(Duration.ofSeconds(60));
        CompletableFuture<NodeResult> run = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                run.complete(notion.execute(context));
            } catch (Throwable t) {
                run.completeExceptionally(t);
            }
        });
        while (server.requests().isEmpty()) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        thread.interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(2, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedException.class, e.getCause());
    }

    @Test
    void missingFieldsAndUnknownOperationsAreNamed() {
        assertTrue(assertThrows(NotionFailure.class, () -> run(Map.of("operation", "read_page")))
                .getMessage().contains("notion read_page needs page_id"));
        assertTrue(assertThrows(NotionFailure.class, () -> run(Map.of("operation", "delete_everything")))
                .getMessage().contains("unknown operation 'delete_everything'"));
        assertTrue(assertThrows(NotionFailure.class, () -> run(Map.of("operation", "read_page", "page_id", "my page")))
                .getMessage().contains("is not a Notion id"));
        assertTrue(assertThrows(NotionFailure.class, () -> run(Map.of("operation", "create_page", "title", "x")))
                .getMessage().contains("exactly one parent"));
        assertTrue(server.requests().isEmpty());
    }

    private Map<String, Object> run(Map<String, Object> data) throws Exception {
        return output(notion.execute(TestContext.of(data, server.secrets())));
    }

    private static Map<String, Object> output(NodeResult result) {
        return asMap(result.output());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    private List<String> paths() {
        return server.requests().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    private FakeNotion.Request only(String methodAndPath) {
        List<FakeNotion.Request> matching = server.requests().stream()
                .filter(r -> (r.method() + " " + r.path()).equals(methodAndPath)).toList();
        assertEquals(1, matching.size(), methodAndPath + " in " + paths());
        return matching.getFirst();
    }

    private static List<String> titles(Map<String, Object> out) {
        return Json.list(out, "results").stream().map(p -> Blocks.title(asMap(p))).toList();
    }

    private static List<String> paragraphTexts(List<Object> blocks) {
        return blocks.stream().map(b -> Blocks.plain(Json.list(Json.object(asMap(b), "paragraph"), "rich_text"))).toList();
    }
}
