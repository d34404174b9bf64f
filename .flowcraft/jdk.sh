# shellcheck shell=bash
# Flowcraft: find a JDK 21+ (sourced by ./flowcraft, .ci/run and the distribution's bin/flowcraft,
# which ships a copy as libexec/jdk.sh). Bash 3.2+ (macOS too); safe under `set -euo pipefail`.
#
#   flowcraft_find_jdk   sets and exports JAVA_HOME and FLOWCRAFT_JAVA (its bin/java) to the first of:
#                          1. $JAVA_HOME, if its bin/java is 21 or newer;
#                          2. the newest <dir>/*/bin/java that is 21 or newer, <dir> in
#                             $FLOWCRAFT_JVM_DIR (colon-separated; default
#                             /usr/lib/jvm:/usr/lib64/jvm:/Library/Java/JavaVirtualMachines);
#                          3. `java` on PATH, if 21 or newer;
#                        else prints what it found and how to install a JDK to stderr, returns 1.
#   flowcraft_java_major <java>   prints the major version of that java binary (25, 17, 8).

FLOWCRAFT_MIN_JAVA=21

flowcraft_java_major() {
    local out ver
    out=$("$1" -version 2>&1) || return 1
    # first line with: version "25.0.1" | "17.0.15" | "21" | "1.8.0_392" | "26-ea"
    ver=$(printf '%s\n' "$out" | sed -n 's/^.* version "\([^"]*\)".*$/\1/p' | head -n 1)
    [ -n "$ver" ] || return 1
    case $ver in 1.*) ver=${ver#1.} ;; esac
    ver=${ver%%[!0-9]*}
    [ -n "$ver" ] || return 1
    printf '%s\n' "$ver"
}

# The JDK home of a bin/java path (symlinks resolved where readlink -f exists).
_flowcraft_java_home_of() {
    local java=$1 real
    real=$(readlink -f "$java" 2>/dev/null) || real=$java
    [ -n "$real" ] || real=$java
    (cd "$(dirname "$real")/.." && pwd -P)
}

flowcraft_find_jdk() {
    local found="" java major home best="" best_home="" best_major=0 dirs dir cand
    local -a candidates=()

    # 1. JAVA_HOME
    if [ -n "${JAVA_HOME:-}" ]; then
        if [ -x "$JAVA_HOME/bin/java" ]; then
            major=$(flowcraft_java_major "$JAVA_HOME/bin/java" || true)
            found+="  JAVA_HOME=$JAVA_HOME: Java ${major:-unknown version}"$'\n'
            if [ -n "$major" ] && [ "$major" -ge "$FLOWCRAFT_MIN_JAVA" ]; then
                best="$JAVA_HOME/bin/java"
                best_home=$JAVA_HOME
                best_major=$major
            fi
        else
            found+="  JAVA_HOME=$JAVA_HOME: no bin/java there"$'\n'
        fi
    fi

    # 2. the newest JDK under the usual install directories
    dirs=${FLOWCRAFT_JVM_DIR:-/usr/lib/jvm:/usr/lib64/jvm:/Library/Java/JavaVirtualMachines}
    if [ -z "$best" ]; then
        local IFS=:
        for dir in $dirs; do
            [ -d "$dir" ] || continue
            for cand in "$dir"/*/bin/java "$dir"/*/Contents/Home/bin/java; do
                [ -x "$cand" ] && candidates+=("$cand")
            done
        done
        unset IFS
        local seen=$'\n'    # homes already looked at (symlinked JDK dirs, JAVA_HOME), newline-separated
        if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
            seen+="$(_flowcraft_java_home_of "$JAVA_HOME/bin/java" 2>/dev/null || true)"$'\n'
        fi
        for java in ${candidates[@]+"${candidates[@]}"}; do
            home=$(_flowcraft_java_home_of "$java" 2>/dev/null || printf '%s' "$java")
            case $seen in *$'\n'"$home"$'\n'*) continue ;; esac
            seen+="$home"$'\n'
            major=$(flowcraft_java_major "$java" || true)
            found+="  $home: Java ${major:-unknown version}"$'\n'
            if [ -n "$major" ] && [ "$major" -ge "$FLOWCRAFT_MIN_JAVA" ] && [ "$major" -gt "$best_major" ]; then
                best=$java
                best_home=$home
                best_major=$major
            fi
        done
    fi

    # 3. java on PATH
    if [ -z "$best" ] && java=$(command -v java 2>/dev/null) && [ -n "$java" ]; then
        major=$(flowcraft_java_major "$java" || true)
        found+="  $java (on PATH): Java ${major:-unknown version}"$'\n'
        if [ -n "$major" ] && [ "$major" -ge "$FLOWCRAFT_MIN_JAVA" ]; then
            best=$java
            best_major=$major
        fi
    fi

    if [ -z "$best" ]; then
        {
            echo "flowcraft: Flowcraft needs a JDK $FLOWCRAFT_MIN_JAVA or newer, and none was found."
            if [ -n "$found" ]; then
                echo "JDKs found:"
                printf '%s' "$found"
            else
                echo "No JDK found at all."
            fi
            echo "(Looked at \$JAVA_HOME, ${dirs:-}/*, and java on PATH.)"
            echo "Install one, for example:"
            echo "  sudo apt-get install openjdk-21-jdk          (Debian/Ubuntu)"
            echo "  or a Temurin 21/25 JDK from https://adoptium.net"
            echo "then set JAVA_HOME to it (e.g. export JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64) and retry."
        } >&2
        return 1
    fi

    if [ -z "$best_home" ]; then
        # java on PATH may be an alternatives link or a launcher stub (macOS): ask it for its home
        best_home=$("$best" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java\.home = //p' | head -n 1)
        [ -n "$best_home" ] && [ -x "$best_home/bin/java" ] || best_home=$(_flowcraft_java_home_of "$best")
    fi
    JAVA_HOME=$best_home
    export JAVA_HOME
    FLOWCRAFT_JAVA="$JAVA_HOME/bin/java"
    [ -x "$FLOWCRAFT_JAVA" ] || FLOWCRAFT_JAVA=$best
    export FLOWCRAFT_JAVA
    FLOWCRAFT_JAVA_MAJOR=$best_major
    return 0
}
