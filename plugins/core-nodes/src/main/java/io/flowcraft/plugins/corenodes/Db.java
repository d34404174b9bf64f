package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.FieldSpec;
import io.flowcraft.api.spi.FieldType;
import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeExecutor;
import io.flowcraft.api.spi.NodeResult;
import org.pf4j.Extension;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code db}: reads, writes, appends to or updates files under the run's base directory, in text,
 * JSON, YAML or CSV. Paths that would leave the base directory are refused. Stateless.
 */
@Extension
public final class Db implements NodeExecutor {
    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("db", "File",
            "Reads or changes a file under the base directory: text, JSON, YAML or CSV (rows keyed by header).",
            List.of(new FieldSpec("operation", FieldType.ENUM, false, Optional.of("read"),
                            "read: output the content; write: replace it by the input; append: add the input; "
                                    + "update: deep-merge the input object into a JSON/YAML object.",
                            List.of("read", "write", "append", "update")),
                    new FieldSpec("sub_type", FieldType.ENUM, false, Optional.of("file"), "Where the data lives.",
                            List.of("file")),
                    FieldSpec.optional("file_path", FieldType.STRING, null,
                            "Path relative to the base directory (DiPeO: source_details)."),
                    FieldSpec.optional("source_details", FieldType.STRING, null, "DiPeO's name for file_path."),
                    FieldSpec.optional("file", FieldType.STRING, null, "DiPeO's newer name for file_path."),
                    new FieldSpec("format", FieldType.ENUM, false, Optional.empty(),
                            "The file format; by default from the extension (unknown: text).",
                            List.of("txt", "json", "yaml", "csv", "md")),
                    FieldSpec.optional("glob", FieldType.BOOLEAN, false,
                            "Read every file matching the path as a glob pattern; output path → content.")),
            List.of(), List.of(),
            Map.of("operation", "read", "sub_type", "file", "file_path", "data/questions.json"));

    /** Creates the executor; PF4J calls this. */
    public Db() {
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeResult execute(NodeContext context) throws IOException {
        Map<String, Object> data = context.data();
        String subType = Fields.string(data, "sub_type").orElse("file");
        if (!subType.equals("file")) {
            throw new NodeFailure("sub_type '" + subType + "' is not supported; use file");
        }
        String operation = Fields.string(data, "operation").orElse("read").strip();
        String path = Fields.string(data, "file_path", "source_details", "file")
                .orElseThrow(() -> new NodeFailure("the db node needs a file_path"));
        Optional<String> format = Fields.string(data, "format");
        if (Fields.bool(data, "glob", false)) {
            if (!operation.equals("read")) {
                throw new NodeFailure("glob works only with operation read");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Path file : SafePaths.glob(context.baseDir(), path)) {
                out.put(SafePaths.display(context.baseDir(), file), FileStore.read(file, FileFormat.of(format, file)));
            }
            return NodeResult.of(out);
        }
        Path file = SafePaths.resolve(context.baseDir(), path);
        FileFormat fileFormat = FileFormat.of(format, file);
        Object value = Values.single(context.inputs());
        return NodeResult.of(switch (operation) {
            case "read" -> FileStore.read(file, fileFormat);
            case "write" -> FileStore.write(file, fileFormat, value);
            case "append" -> FileStore.append(file, fileFormat, value);
            case "update" -> FileStore.update(file, fileFormat, value);
            default -> throw new NodeFailure("unknown operation '" + operation + "'; use read, write, append or update");
        });
    }
}
