# shellcheck shell=bash
# Flowcraft: the JDK 25 AOT cache behind `serve --aot` (sourced by ./flowcraft and the distribution's
# bin/flowcraft, which ships a copy as libexec/aot.sh). Bash 3.2+; safe under `set -euo pipefail`.
# Needs flowcraft_find_jdk (jdk.sh) to have run: JAVA_HOME, FLOWCRAFT_JAVA, FLOWCRAFT_JAVA_MAJOR.
#
#   flowcraft_aot_options CACHE LIB PLUGINS CONFIG [JVM option...]
#       Sets AOT_OPTS_ARR to (-XX:AOTCache=CACHE …) for a server started with `-p LIB` and those JVM
#       options. CACHE is (re)created first when it is missing or stale, i.e. when the JDK, the JVM
#       options or the jars in LIB changed since: a training run of the server (JEP 514's one-step
#       -XX:AOTCacheOutput, driven by io.flowcraft.bench.AotTrainer with the plugins of PLUGINS and
#       the configuration CONFIG; about 10 s), logged to CACHE.log. Leaves AOT_OPTS_ARR empty, with a
#       message on stderr, when the JDK is older than 25 or the cache cannot be created: the server
#       then starts without one. A cache the JVM finds unusable anyway is reported by the JVM, which
#       starts without it.
#
#   flowcraft_aot_args ARG...
#       Sets FLOWCRAFT_AOT to 1 when --aot is among the arguments of serve (else 0) and SERVE_ARGS to
#       the others, in order: those are the server's.

FLOWCRAFT_AOT_MIN_JAVA=25

# The options that start a JVM from CACHE. JDK 25 warns at every start that it cannot link one of
# the cached adapters ("Saved blob's name ... is different from the expected name"); not caching
# them costs nothing measurable, and the diagnostic flag is only given to the JDK that needs it.
_flowcraft_aot_use() {
    AOT_OPTS_ARR=("-XX:AOTCache=$1")
    if [ "${FLOWCRAFT_JAVA_MAJOR:-0}" -eq 25 ]; then
        AOT_OPTS_ARR+=(-XX:+UnlockDiagnosticVMOptions -XX:-AOTAdapterCaching)
    fi
}

flowcraft_aot_args() {
    local arg
    FLOWCRAFT_AOT=0
    SERVE_ARGS=()
    for arg in "$@"; do
        if [ "$arg" = --aot ]; then FLOWCRAFT_AOT=1; else SERVE_ARGS+=("$arg"); fi
    done
}

# What the cache depends on, as one line: the JDK, the JVM options, the module path's jars.
_flowcraft_aot_stamp() {
    local lib=$1
    shift
    {
        printf '%s\n' "$JAVA_HOME" "${FLOWCRAFT_JAVA_MAJOR:-}"
        cat "$JAVA_HOME/release" 2>/dev/null || true
        printf '%s\n' "$@"
        ls -l "$lib"
    } | cksum
}

flowcraft_aot_options() {
    local cache=$1 lib=$2 plugins=$3 config=$4 stamp tmp
    shift 4
    AOT_OPTS_ARR=()
    if [ "${FLOWCRAFT_JAVA_MAJOR:-0}" -lt "$FLOWCRAFT_AOT_MIN_JAVA" ]; then
        echo "flowcraft: --aot needs a JDK $FLOWCRAFT_AOT_MIN_JAVA or newer (JEP 514); $JAVA_HOME is Java" \
            "${FLOWCRAFT_JAVA_MAJOR:-?}: starting without an AOT cache" >&2
        return 0
    fi
    stamp=$(_flowcraft_aot_stamp "$lib" "$@")
    if [ -s "$cache" ] && [ "$(cat "$cache.stamp" 2>/dev/null)" = "$stamp" ] \
        && [ -z "$(find "$lib" -newer "$cache" 2>/dev/null | head -n 1)" ]; then
        _flowcraft_aot_use "$cache"
        return 0
    fi
    if ! mkdir -p "$(dirname "$cache")" 2>/dev/null || ! : >"$cache.log" 2>/dev/null; then
        echo "flowcraft: cannot write the AOT cache at $cache (set FLOWCRAFT_AOT_CACHE to a writable" \
            "file): starting without it" >&2
        return 0
    fi
    echo "flowcraft: creating the AOT cache $cache (a training run of the server, once per build;" \
        "about 10 s)..." >&2
    tmp="$cache.new.$$"
    if "$FLOWCRAFT_JAVA" -p "$lib" -m io.flowcraft.bench/io.flowcraft.bench.AotTrainer --output "$tmp" \
            --plugins-dir "$plugins" --config "$config" -- "$@" >>"$cache.log" 2>&1 \
        && mv -f "$tmp" "$cache"; then
        printf '%s\n' "$stamp" >"$cache.stamp"
        _flowcraft_aot_use "$cache"
    else
        rm -f "$tmp" "$cache.stamp"
        echo "flowcraft: could not create the AOT cache (log: $cache.log): starting without it" >&2
    fi
}
