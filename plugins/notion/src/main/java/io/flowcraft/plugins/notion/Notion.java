package io.flowcraft.plugins.notion;

import io.flowcraft.api.spi.FieldSpec;
import io.flowcraft.api.spi.FieldType;
import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;
import org.pf4j.Extension;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code notion}: reads a page (with its blocks' text), creates a page, appends blocks, queries a
 * database or updates a page's properties through Notion's REST API (version 2022-06-28), with the
 * host's shared HTTP client and the operator's secret {@code notion}. Stateless: everything a run
 * needs is made per call.
 */
@Extension
public final class Notion implements NodeExecutor {
    private static final List<String> OPERATIONS =
            List.of("read_page", "create_page", "append_blocks", "query_database", "update_page");
    private static final String FROM_EDGE = " Empty: the input on an edge labelled with this field's name.";

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("notion", "Notion",
            "Reads and writes Notion pages and databases with the integration token the operator set as "
                    + "flowcraft.secrets.notion. Share the pages and databases with the integration first.",
            List.of(new FieldSpec("operation", FieldType.ENUM, false, Optional.of("read_page"),
                            "read_page: output the page, its blocks and their plain text (text); create_page: a page "
                                    + "under parent_page_id or in database_id, output its id and url; append_blocks: add "
                                    + "content or blocks to page_id; query_database: output the database_id's pages "
                                    + "matching filter/sorts (results); update_page: set page_id's properties/title.",
                            OPERATIONS),
                    FieldSpec.optional("page_id", FieldType.STRING, null,
                            "The page (or block, for append_blocks) to read, append to or update: an id or a Notion "
                                    + "URL." + FROM_EDGE),
                    FieldSpec.optional("database_id", FieldType.STRING, null,
                            "query_database: the database to query; create_page: the database to add the page to."
                                    + FROM_EDGE),
                    FieldSpec.optional("parent_page_id", FieldType.STRING, null,
                            "create_page: the page to create the new page under (instead of database_id)." + FROM_EDGE),
                    FieldSpec.optional("title", FieldType.STRING, null,
                            "create_page/update_page: the page title; ignored when properties already set the title "
                                    + "property." + FROM_EDGE),
                    FieldSpec.optional("title_property", FieldType.STRING, null,
                            "The name of the title property: default 'title' for pages under a page and for "
                                    + "update_page, 'Name' for pages in a database."),
                    FieldSpec.optional("properties", FieldType.OBJECT, null,
                            "create_page/update_page: Notion property values by property name, as in Notion's API, "
                                    + "e.g. {\"Status\": {\"select\": {\"name\": \"Done\"}}}." + FROM_EDGE),
                    FieldSpec.optional("content", FieldType.TEXT, null,
                            "create_page/append_blocks: text; each paragraph (blank-line separated) becomes a "
                                    + "paragraph block. Empty: the input labelled content, else the default input "
                                    + "(text, a list of block objects, or an object whose text is used)."),
                    FieldSpec.optional("blocks", FieldType.OBJECT, null,
                            "create_page/append_blocks: a list of Notion block objects, sent as they are (instead of "
                                    + "content)."),
                    FieldSpec.optional("filter", FieldType.OBJECT, null,
                            "query_database: a Notion filter object, e.g. {\"property\": \"Done\", \"checkbox\": "
                                    + "{\"equals\": false}}." + FROM_EDGE),
                    FieldSpec.optional("sorts", FieldType.OBJECT, null,
                            "query_database: a list of Notion sort objects, e.g. [{\"property\": \"Due\", "
                                    + "\"direction\": \"ascending\"}]." + FROM_EDGE),
                    FieldSpec.optional("start_cursor", FieldType.STRING, null,
                            "query_database: continue from a previous run's next_cursor." + FROM_EDGE),
                    FieldSpec.optional("page_size", FieldType.INTEGER, 100,
                            "How many results to ask Notion for per request (1–100)."),
                    FieldSpec.optional("max_results", FieldType.INTEGER, 1000,
                            "read_page/query_database: stop following next_cursor after this many results; the "
                                    + "output's has_more says whether more remain.")),
            List.of(), List.of(),
            Map.of("operation", "query_database", "database_id", "d9824bdc84454327be8b5b47500af6ce",
                    "filter", Map.of("property", "Done", "checkbox", Map.of("equals", false)),
                    "sorts", List.of(Map.of("property", "Due", "direction", "ascending")), "page_size", 50));

    /** Creates the executor; PF4J calls this. */
    public Notion() {
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeResult execute(NodeContext context) throws InterruptedException {
        Object op = context.data().get("operation");
        String operation = op == null || op.toString().isBlank() ? "read_page" : op.toString().strip();
        if (!OPERATIONS.contains(operation)) {
            throw new NotionFailure("notion: unknown operation '" + operation + "'; use one of "
                    + String.join(", ", OPERATIONS));
        }
        String token = context.secret("notion").filter(t -> !t.isBlank()).map(String::strip)
                .orElseThrow(() -> new NotionFailure("notion " + operation + ": no Notion integration token; "
                        + "the operator sets it as flowcraft.secrets.notion (environment FLOWCRAFT_SECRETS_NOTION)"));
        String base = context.secret("notion_base_url").filter(b -> !b.isBlank()).map(String::strip)
                .orElse(NotionClient.DEFAULT_BASE);
        NotionClient client = new NotionClient(context.http(), base, token, operation,
                Instant.now().plus(context.timeout()));
        Operations operations = new Operations(client, new Inputs(context, operation), operation);
        return NodeResult.of(switch (operation) {
            case "read_page" -> operations.readPage();
            case "create_page" -> operations.createPage();
            case "append_blocks" -> operations.appendBlocks();
            case "query_database" -> operations.queryDatabase();
            default -> operations.updatePage();
        });
    }
}
