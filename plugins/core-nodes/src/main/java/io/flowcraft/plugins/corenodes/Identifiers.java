package io.flowcraft.plugins.corenodes;

import java.util.Set;
import java.util.regex.Pattern;

/** Which input labels and variable names may become variables of a job's code. */
final class Identifiers {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Python keywords and JavaScript reserved words: never globals. */
    private static final Set<String> RESERVED = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield", "case", "catch", "const", "debugger", "default", "delete", "do", "enum",
            "export", "extends", "false", "function", "implements", "instanceof", "interface", "let", "new", "null",
            "package", "private", "protected", "public", "static", "super", "switch", "this", "throw", "true",
            "typeof", "var", "void", "inputs", "result", "require", "globalThis", "process", "undefined");
    /** Variables that change how the shell or the dynamic linker behave. */
    private static final Set<String> SHELL_RESERVED = Set.of("PATH", "HOME", "TMPDIR", "LANG", "IFS", "PWD",
            "OLDPWD", "SHELL", "ENV", "CDPATH", "GLOBIGNORE", "SHELLOPTS", "PS1", "PS2", "PS3", "PS4", "UID",
            "EUID", "PPID", "INPUTS", "INPUT_KEYS", "PROMPT_COMMAND", "TERM", "USER", "LOGNAME");

    private Identifiers() {
    }

    /** A valid identifier in Python, JavaScript and shell alike. */
    static boolean valid(String name) {
        return IDENTIFIER.matcher(name).matches();
    }

    /** May become a global of Python or JavaScript code. */
    static boolean usableGlobal(String name) {
        return valid(name) && !RESERVED.contains(name) && !name.startsWith("__");
    }

    /** May become a Bash variable. */
    static boolean usableShellVariable(String name) {
        return valid(name) && !SHELL_RESERVED.contains(name) && !name.startsWith("BASH") && !name.startsWith("LD_")
                && !name.startsWith("LC_");
    }
}
