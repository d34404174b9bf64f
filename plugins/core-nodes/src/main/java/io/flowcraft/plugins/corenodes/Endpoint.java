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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code endpoint}: where a run ends. Outputs its input (the single value, the inputs map when
 * several, {@code null} when none) and can save it to a file under the base directory. Stateless.
 */
@Extension
public final class Endpoint implements NodeExecutor {
    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("endpoint", "End",
            "Ends the run with its input as the result; can save it to a file under the base directory.",
            List.of(FieldSpec.optional("save_to_file", FieldType.BOOLEAN, false, "Save the result to file_path."),
                    FieldSpec.optional("file_path", FieldType.STRING, null,
                            "Path relative to the base directory (DiPeO: file_name)."),
                    FieldSpec.optional("file_name", FieldType.STRING, null, "DiPeO's name for file_path."),
                    new FieldSpec("file_format", FieldType.ENUM, false, Optional.empty(),
                            "The file format; by default from the extension (unknown: text).",
                            List.of("txt", "json", "yaml", "md"))),
            List.of(), List.of(),
            Map.of("save_to_file", true, "file_path", "results/answer.md"));

    /** Creates the executor; PF4J calls this. */
    public Endpoint() {
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeResult execute(NodeContext context) throws IOException {
        Map<String, Object> inputs = context.inputs();
        Object value = inputs.isEmpty() ? null : Values.single(inputs);
        Map<String, Object> data = context.data();
        if (!Fields.bool(data, "save_to_file", false)) {
            return NodeResult.of(value);
        }
        String path = Fields.string(data, "file_path", "file_name")
                .orElseThrow(() -> new NodeFailure("save_to_file is on but no file_path is given"));
        Path file = SafePaths.resolve(context.baseDir(), path);
        FileFormat format = FileFormat.of(Fields.string(data, "file_format"), file);
        if (format == FileFormat.CSV) {
            throw new NodeFailure("an endpoint saves txt, json, yaml or md, not csv");
        }
        FileStore.write(file, format, value);
        return new NodeResult(value, Optional.empty(), Optional.empty(),
                Map.of("saved_to", SafePaths.display(context.baseDir(), file)));
    }
}
