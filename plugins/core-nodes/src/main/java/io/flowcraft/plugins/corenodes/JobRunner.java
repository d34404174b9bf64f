package io.flowcraft.plugins.corenodes;

import io.flowcraft.api.spi.FieldSpec;
import io.flowcraft.api.spi.FieldType;
import io.flowcraft.api.spi.NodeContext;
import io.flowcraft.api.spi.NodeDescriptor;
import io.flowcraft.api.spi.NodeResult;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@code job} / {@code code_job} node: writes the code and its inputs into a fresh
 * directory, runs the interpreter in the sandbox and turns what it left into the node's result.
 * Stateless and thread-safe.
 *
 * @param isolation    what the sandbox may use
 * @param interpreters where interpreters are found
 */
record JobRunner(Isolation isolation, Interpreters interpreters) {
    /** Without a timeout from the node or the engine, a job gets this long (DiPeO's default). */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int METADATA_TEXT = 64 * 1024;

    /** The descriptor for a node type this runner serves. */
    static NodeDescriptor descriptor(String type, String title) {
        return new NodeDescriptor(type, title,
                "Runs Python, JavaScript or Bash in a sandbox: a fresh directory, no network where the host allows, "
                        + "limits on time, CPU, memory, output, file size and processes. Inputs arrive as `inputs` and, "
                        + "by label, as variables; the output is `result` (or function_name(inputs)); for Bash, stdout.",
                List.of(new FieldSpec("language", FieldType.ENUM, false, Optional.of("python"),
                                "The language of the code.", Language.names()),
                        FieldSpec.required("code", FieldType.CODE, "The code to run."),
                        FieldSpec.optional("function_name", FieldType.STRING, null,
                                "A function the code defines, called with the inputs; its return value is the output."),
                        FieldSpec.optional("timeout", FieldType.INTEGER, null,
                                "Seconds before the job is killed (the engine's node timeout applies too)."),
                        FieldSpec.optional("max_output_bytes", FieldType.INTEGER, Limits.DEFAULT_OUTPUT,
                                "Bytes the job may print before it is stopped.")),
                List.of(), List.of(),
                Map.of("language", "python", "code", "result = {'doubled': [x * 2 for x in inputs.get('numbers', [])]}"));
    }

    /** Runs the node. */
    NodeResult run(NodeContext context) throws IOException, InterruptedException {
        Map<String, Object> data = context.data();
        Language language = Language.parse(Fields.string(data, "language", "code_type").orElse("python"));
        String code = Fields.string(data, "code").orElseThrow(() -> new NodeFailure("the job has no code"));
        Optional<String> function = Fields.string(data, "function_name", "functionName").map(String::strip);
        function.filter(f -> !Identifiers.valid(f)).ifPresent(f -> {
            throw new NodeFailure("function_name '" + f + "' is not a valid function name");
        });
        long maxOutput = Fields.integer(data, "max_output_bytes").orElse(Limits.DEFAULT_OUTPUT);
        Limits limits = Limits.of(timeout(context), Math.max(1, maxOutput));
        Path interpreter = interpreters.find(language.interpreter()).orElseThrow(() -> new NodeFailure(
                language.interpreter() + " is not installed on this host; install it or use another language"));
        if (context.cancelled()) {
            throw new InterruptedException("cancelled before the job started");
        }
        Path dir = Workdir.create(isolation.setpriv().isPresent());
        try {
            Workdir.write(dir, language.codeFile(), code);
            if (language.wrapper().isPresent()) {
                Workdir.copyResource(dir, language.wrapper().get());
                Workdir.write(dir, "payload.json", Json.write(payload(context, function)));
            }
            List<String> program = new ArrayList<>();
            program.add(interpreter.toString());
            program.addAll(language.arguments());
            SandboxProcess.Outcome outcome = SandboxProcess.run(isolation, dir, program,
                    environment(dir, language, context), limits);
            return result(language, outcome, limits, dir);
        } finally {
            Workdir.deleteQuietly(dir);
        }
    }

    private static Duration timeout(NodeContext context) {
        Duration timeout = DEFAULT_TIMEOUT;
        boolean fromField = false;
        long seconds = Fields.integer(context.data(), "timeout").orElse(0);
        if (seconds > 0) {
            timeout = Duration.ofSeconds(seconds);
            fromField = true;
        }
        Duration engine = context.timeout();
        if (engine != null && engine.isPositive() && (!fromField || engine.compareTo(timeout) < 0)) {
            timeout = engine;
        }
        return timeout;
    }

    private static Map<String, Object> payload(NodeContext context, Optional<String> function) {
        Map<String, Object> globals = new LinkedHashMap<>();
        context.variables().forEach((k, v) -> {
            if (Identifiers.usableGlobal(k)) {
                globals.put(k, v);
            }
        });
        context.inputs().forEach((k, v) -> {
            if (Identifiers.usableGlobal(k)) {
                globals.put(k, v);
            }
        });
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("inputs", context.inputs());
        payload.put("globals", globals);
        payload.put("function_name", function.orElse(""));
        return payload;
    }

    private static Map<String, String> environment(Path dir, Language language, NodeContext context) {
        Map<String, String> env = new LinkedHashMap<>();
        if (language == Language.BASH) {
            context.variables().forEach((k, v) -> putShellVariable(env, k, v));
            context.inputs().forEach((k, v) -> putShellVariable(env, k, v));
            context.inputs().forEach((k, v) -> putShellVariable(env, "INPUT_" + k, v));
            env.put("INPUT_KEYS", String.join(" ", context.inputs().keySet()));
            env.put("INPUTS", Json.write(context.inputs()));
        }
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", dir.toString());
        env.put("TMPDIR", dir.toString());
        env.put("LANG", "C.UTF-8");
        return env;
    }

    private static void putShellVariable(Map<String, String> env, String name, Object value) {
        if (Identifiers.usableShellVariable(name)) {
            String text = value instanceof String s ? s : Json.write(value);
            if (text.indexOf('\0') < 0) {
                env.put(name, text);
            }
        }
    }

    private NodeResult result(Language language, SandboxProcess.Outcome outcome, Limits limits, Path dir)
            throws IOException {
        if (outcome.timedOut()) {
            throw new NodeFailure("the " + language.id() + " job ran longer than " + limits.timeout().toSeconds()
                    + " s and was killed");
        }
        if (outcome.outputExceeded()) {
            throw new NodeFailure("the " + language.id() + " job printed more than " + limits.maxOutputBytes()
                    + " bytes and was stopped");
        }
        if (outcome.exitCode() != 0) {
            throw new NodeFailure("the " + language.id() + " job failed (" + exitReason(outcome.exitCode()) + ")"
                    + lastLines(outcome.stderr(), 12));
        }
        Object output;
        Map<String, Object> variables = Map.of();
        if (language == Language.BASH) {
            output = parseLoosely(outcome.stdout().strip());
        } else {
            Optional<String> text = Workdir.readOwnFile(dir, "result.json", limits.maxFileBytes());
            Map<?, ?> written = text.isEmpty() ? Map.of() : resultOf(text.get());
            output = written.get("result");
            if (written.get("variables") instanceof Map<?, ?> vars) {
                Map<String, Object> set = new LinkedHashMap<>();
                vars.forEach((k, v) -> set.put(String.valueOf(k), v));
                variables = set;
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("stdout", clip(outcome.stdout()));
        metadata.put("stderr", clip(outcome.stderr()));
        metadata.put("sandbox", isolation.describe());
        return new NodeResult(output, Optional.empty(), Optional.empty(), metadata, variables);
    }

    private static Map<?, ?> resultOf(String text) {
        try {
            return Json.parse(text) instanceof Map<?, ?> m ? m : Map.of();
        } catch (IOException e) {
            throw new NodeFailure("the job's result is not valid JSON: " + e.getMessage());
        }
    }

    private static Object parseLoosely(String text) {
        if (text.isEmpty()) {
            return "";
        }
        try {
            return Json.parse(text);
        } catch (IOException | RuntimeException e) {
            return text;
        }
    }

    private static String exitReason(int code) {
        return switch (code) {
            case 152 -> "it used more CPU time than allowed";
            case 153 -> "it wrote a file larger than allowed";
            case 137, -1 -> "it was killed";
            default -> "exit code " + code;
        };
    }

    private static String lastLines(String text, int lines) {
        List<String> all = text.strip().lines().toList();
        if (all.isEmpty()) {
            return "";
        }
        return ":\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static String clip(String text) {
        return text.length() <= METADATA_TEXT ? text : text.substring(0, METADATA_TEXT) + "\n[truncated]";
    }
}
