package io.flowcraft.plugins.corenodes;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The languages a code job runs, with their interpreter and the files the sandbox gets. */
enum Language {
    /** Python 3: the wrapper execs the code and returns {@code result} or {@code function_name(inputs)}. */
    PYTHON("python", "python3", "code.py", Optional.of("run.py")),
    /** JavaScript on Node.js: like Python. */
    JAVASCRIPT("javascript", "node", "code.js", Optional.of("run.js")),
    /** Bash: inputs in the environment, the result is standard output. */
    BASH("bash", "bash", "code.sh", Optional.empty());

    private final String id;
    private final String interpreter;
    private final String codeFile;
    private final Optional<String> wrapper;

    Language(String id, String interpreter, String codeFile, Optional<String> wrapper) {
        this.id = id;
        this.interpreter = interpreter;
        this.codeFile = codeFile;
        this.wrapper = wrapper;
    }

    /** The names a diagram may use. */
    static List<String> names() {
        return List.of("python", "javascript", "bash", "shell");
    }

    /** Parses a diagram's language name ({@code shell} means bash). */
    static Language parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "python", "python3", "py" -> PYTHON;
            case "javascript", "js", "node" -> JAVASCRIPT;
            case "bash", "shell", "sh" -> BASH;
            default -> throw new NodeFailure("unsupported language '" + name + "'; use python, javascript or bash");
        };
    }

    String id() {
        return id;
    }

    String interpreter() {
        return interpreter;
    }

    String codeFile() {
        return codeFile;
    }

    Optional<String> wrapper() {
        return wrapper;
    }

    /** The interpreter's arguments: the wrapper, or the code itself. */
    List<String> arguments() {
        return List.of(wrapper.orElse(codeFile));
    }
}
