package io.flowcraft.plugins.corenodes;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The file formats {@code db} and {@code endpoint} read and write, as text to and from JSON values. */
enum FileFormat {
    /** Plain text: strings as they are, other values as JSON. */
    TXT,
    /** Markdown: like text. */
    MD,
    /** JSON, indented. */
    JSON,
    /** YAML (safe loading: no custom tags, no aliases bombs beyond SnakeYAML's limits). */
    YAML,
    /** CSV with a header row: a list of row objects keyed by column name. */
    CSV;

    /** Parses a format name ({@code text}, {@code yml}, …). */
    static FileFormat parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "txt", "text", "plain" -> TXT;
            case "md", "markdown" -> MD;
            case "json" -> JSON;
            case "yaml", "yml" -> YAML;
            case "csv" -> CSV;
            default -> throw new NodeFailure("unknown format '" + name + "'; use txt, json, yaml, csv or md");
        };
    }

    /** The format a field names, else the one the file's extension implies (text when unknown). */
    static FileFormat of(Optional<String> named, Path file) {
        if (named.isPresent()) {
            return parse(named.get());
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return TXT;
        }
        try {
            return parse(name.substring(dot + 1));
        } catch (NodeFailure e) {
            return TXT;
        }
    }

    /** Whether values of this format are whole documents that can be merged and appended to. */
    boolean structured() {
        return this == JSON || this == YAML;
    }

    /** Parses file content into a JSON value. */
    Object read(String text) throws IOException {
        return switch (this) {
            case TXT, MD -> text;
            case JSON -> text.isBlank() ? null : Json.parse(text);
            case YAML -> Json.normalize(yaml().load(text));
            case CSV -> readCsv(text);
        };
    }

    /** Writes a JSON value as file content. */
    String write(Object value) throws IOException {
        return switch (this) {
            case TXT, MD -> value instanceof String s ? s : value == null ? "" : Json.pretty(value);
            case JSON -> Json.pretty(value) + "\n";
            case YAML -> yaml().dump(Json.normalize(value));
            case CSV -> writeCsv(rows(value), Optional.empty(), true);
        };
    }

    /** Content to add at the end of a CSV file that has this header (rows only, no header). */
    static String csvRows(Object value, List<String> header) throws IOException {
        return writeCsv(rows(value), Optional.of(header), false);
    }

    /** The header of CSV content, empty when there is none. */
    static List<String> csvHeader(String text) throws IOException {
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text))) {
            return List.copyOf(parser.getHeaderNames());
        }
    }

    private static Yaml yaml() {
        LoaderOptions loader = new LoaderOptions();
        loader.setAllowDuplicateKeys(false);
        DumperOptions dumper = new DumperOptions();
        dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumper.setIndicatorIndent(2);
        dumper.setIndentWithIndicator(true);
        return new Yaml(new SafeConstructor(loader), new Representer(dumper), dumper, loader);
    }

    private static List<Object> readCsv(String text) throws IOException {
        List<Object> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).get().parse(new StringReader(text))) {
            for (CSVRecord record : parser) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (String column : parser.getHeaderNames()) {
                    row.put(column, record.isSet(column) ? record.get(column) : null);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<Map<?, ?>> rows(Object value) {
        List<Map<?, ?>> rows = new ArrayList<>();
        if (value instanceof Map<?, ?> one) {
            rows.add(one);
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> row)) {
                    throw new NodeFailure("CSV needs rows as objects keyed by column, got " + Json.write(item));
                }
                rows.add(row);
            }
        } else {
            throw new NodeFailure("CSV needs an object or a list of objects, got " + Json.write(value));
        }
        return rows;
    }

    private static String writeCsv(List<Map<?, ?>> rows, Optional<List<String>> fixed, boolean withHeader)
            throws IOException {
        Set<String> columns = new LinkedHashSet<>(fixed.orElse(List.of()));
        if (fixed.isEmpty()) {
            rows.forEach(r -> r.keySet().forEach(k -> columns.add(String.valueOf(k))));
        } else {
            for (Map<?, ?> row : rows) {
                for (Object key : row.keySet()) {
                    if (!columns.contains(String.valueOf(key))) {
                        throw new NodeFailure("column '" + key + "' is not in the file's header " + columns);
                    }
                }
            }
        }
        StringWriter out = new StringWriter();
        CSVFormat.Builder format = CSVFormat.DEFAULT.builder().setRecordSeparator("\n");
        if (withHeader) {
            format.setHeader(columns.toArray(String[]::new));
        }
        try (CSVPrinter printer = new CSVPrinter(out, format.get())) {
            for (Map<?, ?> row : rows) {
                List<String> cells = new ArrayList<>();
                for (String column : columns) {
                    Object cell = row.get(column);
                    cells.add(cell == null ? "" : cell instanceof String s ? s : Json.write(cell));
                }
                printer.printRecord(cells);
            }
        }
        return out.toString();
    }
}
