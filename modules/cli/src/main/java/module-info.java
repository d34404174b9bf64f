/**
 * The command line: {@code flowcraft run DIAGRAM} runs a diagram file (native graph JSON or YAML,
 * or a DiPeO light document) with the node executors of a plugins directory, prints its progress
 * and answers its questions from the terminal; {@code flowcraft convert DIAGRAM} writes such a file
 * as a native Flowcraft graph document (JSON, or YAML through SnakeYAML).
 *
 * <p>A program, not a library: it exports nothing. Start it with
 * {@code java -p lib -m io.flowcraft.cli/io.flowcraft.cli.Main run DIAGRAM}.
 */
module io.flowcraft.cli {
    requires io.flowcraft.engine;
    requires io.flowcraft.graph;
    requires io.flowcraft.plugins;
    requires java.logging;
    requires org.yaml.snakeyaml;
}
