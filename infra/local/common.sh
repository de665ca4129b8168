# shellcheck shell=bash
# Helpers shared by opensearch.sh, kinesis-mock.sh and s3proxy.sh, which source this file: log
# and error messages, checks of settings, commands, Java and free ports, the pid file, the Maven
# download, waiting for start-up, and stopping with TERM and then KILL.
#
# A script sets these variables before it sources this file:
#   SERVICE_NAME          name of the service in messages, such as OpenSearch
#   ENV_PREFIX            prefix of the script's environment variables, such as LOCAL_OPENSEARCH
#   SIGNAL_PROCESS_GROUP  1 to signal the process group that the service leads, 0 to signal
#                         the service's PID only
# It sets its settings PORT, RUN_BASE, START_TIMEOUT_S and STOP_TIMEOUT_S before it calls a
# helper, and it defines two functions:
#   pid_file              prints the path of the pid file of the service on PORT
#   is_service_process    takes a PID and succeeds when that process runs the service, so a
#                         PID that the system reused for another program is never signalled

SCRIPT_NAME=$(basename "$0")
# shellcheck disable=SC2034 # The scripts use it for their default folders.
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# The services bind to loopback, and the scripts send requests there only. This is deliberately
# not a setting.
readonly HOST=127.0.0.1
# The same plugin version as in the root pom.xml.
readonly DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

log() { echo "$SCRIPT_NAME: $*" >&2; }
die() {
    echo "$SCRIPT_NAME: error: $*" >&2
    exit 1
}

# Dies unless VALUE of the setting NAME is a whole number. The third argument is the hint for
# the value to set instead.
require_uint() {
    local name=$1 value=$2
    [[ $value =~ ^[0-9]+$ ]] || die "$name=$value is not a whole number. Set it to $3."
}

require_port() {
    local name=$1 value=$2
    require_uint "$name" "$value" "a port number"
    ((value >= 1 && value <= 65535)) || die "$name=$value is outside 1-65535."
}

require_jvm_size() {
    local name=$1 value=$2
    [[ $value =~ ^[0-9]+[kKmMgG]$ ]] || die "$name=$value is invalid. Use a JVM size such as 512m or 1g."
}

# Checks the settings that every script has: the port and the start and stop timeouts.
# shellcheck disable=SC2153 # The script sets PORT.
validate_common_settings() {
    require_port "${ENV_PREFIX}_PORT" "$PORT"
    require_uint "${ENV_PREFIX}_START_TIMEOUT_S" "$START_TIMEOUT_S" "a number of seconds"
    require_uint "${ENV_PREFIX}_STOP_TIMEOUT_S" "$STOP_TIMEOUT_S" "a number of seconds"
}

require_commands() {
    local missing=() command
    for command in "$@"; do
        command -v "$command" >/dev/null || missing+=("$command")
    done
    ((${#missing[@]} == 0)) ||
        die "missing commands: ${missing[*]}. Install them (Debian: apt-get install ${missing[*]})."
}

require_curl_sigv4() {
    require_commands curl
    curl --help all 2>/dev/null | grep -q -- '--aws-sigv4' ||
        die "this curl has no --aws-sigv4 option. Install curl 7.75 or later."
}

# Runs curl with the given arguments. --noproxy keeps a proxy from the environment out of the
# path to loopback.
curl_local() {
    curl --noproxy '*' "$@"
}

# Sets JAVA to the java binary from JAVA_HOME, or else the one on PATH with symbolic links
# resolved, and JAVA_SPEC to its version. Dies when it is older than MIN_MAJOR. REQUIRER names
# what needs that version in the message, such as "S3Proxy 4.1.0".
find_java() {
    local min_major=$1 requirer=$2
    if [[ -n ${JAVA_HOME:-} ]]; then
        JAVA=$JAVA_HOME/bin/java
        [[ -x $JAVA ]] || die "JAVA_HOME=$JAVA_HOME has no bin/java. Point JAVA_HOME at a JDK $min_major or later."
    else
        JAVA=$(command -v java) ||
            die "Java not found: JAVA_HOME is unset and there is no java on PATH. Install a JDK $min_major or later (Debian: apt-get install openjdk-17-jdk-headless) or set JAVA_HOME."
        JAVA=$(readlink -f "$JAVA")
    fi

    # java.specification.version is "1.8" for Java 8 and "17" for Java 17.
    local major
    JAVA_SPEC=$("$JAVA" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java\.specification\.version = //p')
    [[ -n $JAVA_SPEC ]] || die "could not read the version of $JAVA. Check that it runs."
    major=${JAVA_SPEC#1.}
    major=${major%%.*}
    ((major >= min_major)) ||
        die "$JAVA is Java $JAVA_SPEC, but $requirer needs Java $min_major or later. Set JAVA_HOME to a newer JDK."
}

# Downloads the Maven artifact ARTIFACT (groupId:artifactId:version[:type[:classifier]]) into
# the existing folder DIR.
download_artifact() {
    local artifact=$1 dir=$2
    command -v mvn >/dev/null ||
        die "mvn not found on PATH, and $artifact is not downloaded yet. Install Apache Maven 3.8 or later (Debian: apt-get install maven)."
    log "downloading $artifact with Maven"
    # Run outside the repository so Maven does not read the project's poms. Maven's output goes
    # to stderr, so stdout of start contains only what the script reports about the service.
    (cd "$dir" && mvn -B -q -Dstyle.color=never "$DEPENDENCY_PLUGIN:copy" -Dartifact="$artifact" \
        -DoutputDirectory="$dir") >&2 ||
        die "Maven could not fetch $artifact. Check access to the Maven repository and ~/.m2/settings.xml, then retry."
}

port_in_use() {
    (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

# Prints the process that listens on the port, as ss shows it, or nothing.
port_holder() {
    if command -v ss >/dev/null; then
        ss -Hltnp "( sport = :$1 )" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -1
    fi
}

# Dies when something listens on PORT on loopback. FIX completes the sentence "Stop that process
# or ...", such as "set LOCAL_S3PROXY_PORT to a free port".
require_free_port() {
    local port=$1 fix=$2 holder
    if port_in_use "$port"; then
        holder=$(port_holder "$port")
        die "port $port on $HOST is already in use${holder:+ by $holder}. Stop that process or $fix."
    fi
}

rss_mib() {
    awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"
}

ensure_run_base() {
    mkdir -p "$RUN_BASE" || die "cannot create $RUN_BASE. Set ${ENV_PREFIX}_RUN_BASE."
}

read_pid() {
    local file pid
    file=$(pid_file)
    [[ -f $file ]] || return 1
    pid=$(<"$file")
    [[ $pid =~ ^[0-9]+$ ]] || die "pid file $file does not contain a PID. Remove it and retry."
    echo "$pid"
}

# Dies when the pid file names a running service. When its PID is gone or runs another program,
# removes the given files: the stale pid file and any that go with it.
check_not_running() {
    local pid
    if pid=$(read_pid); then
        if is_service_process "$pid"; then
            die "$SERVICE_NAME already runs on port $PORT (pid $pid, pid file $(pid_file)). Run '$SCRIPT_NAME stop' first."
        fi
        log "removing stale pid file $(pid_file) (pid $pid does not run $SERVICE_NAME)"
        rm -f "$@"
    fi
}

# Sends TERM to the service PID, or to the process group it leads when SIGNAL_PROCESS_GROUP is
# 1, waits up to STOP_TIMEOUT_S, then sends KILL. Returns once the process or group is gone.
terminate() {
    local target=$1 name="pid $1" waited=0
    if [[ $SIGNAL_PROCESS_GROUP == 1 ]]; then
        target=-$1
        name="process group $1"
    fi
    kill -TERM -- "$target" 2>/dev/null || return 0
    while kill -0 -- "$target" 2>/dev/null && ((waited < STOP_TIMEOUT_S * 10)); do
        sleep 0.1
        waited=$((waited + 1))
    done
    if kill -0 -- "$target" 2>/dev/null; then
        log "$name still runs ${STOP_TIMEOUT_S} s after TERM, so sending KILL"
        kill -KILL -- "$target" 2>/dev/null || true
        while kill -0 -- "$target" 2>/dev/null; do sleep 0.1; done
    fi
}

# Runs the command PROBE with its arguments every INTERVAL_S seconds and returns 0 once it
# succeeds. Returns 1 when the service PID exits first, and 2 when START_TIMEOUT_S passes first,
# after stopping the service. Either way it removes the pid file.
wait_for_start() {
    local pid=$1 interval_s=$2
    shift 2
    local deadline_s=$((SECONDS + START_TIMEOUT_S))
    until "$@"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$(pid_file)"
            return 1
        fi
        if ((SECONDS >= deadline_s)); then
            terminate "$pid"
            rm -f "$(pid_file)"
            return 2
        fi
        sleep "$interval_s"
    done
}

# Prints the milliseconds since STARTED_NS, a time from date +%s%N.
ms_since() {
    echo $((($(date +%s%N) - $1) / 1000000))
}

# Prints the PID, the pid file, the start-up time and the resident memory of the service.
print_started() {
    local pid=$1 elapsed_ms=$2
    echo "pid $pid (pid file $(pid_file)), started in $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000))) s, resident memory $(rss_mib "$pid") MiB"
}

# Stops the service that the pid file names, then removes the given files: the pid file and any
# that go with it. Without a pid file it only reports that the service is not running, and it
# dies when something else listens on the port.
stop_service() {
    local pid
    if ! pid=$(read_pid); then
        if port_in_use "$PORT"; then
            die "no pid file $(pid_file), but something listens on $HOST:$PORT. It was not started by this script with ${ENV_PREFIX}_RUN_BASE=$RUN_BASE. Stop it by its own means."
        fi
        echo "$SERVICE_NAME is not running on port $PORT (no pid file $(pid_file))"
        return 0
    fi
    if is_service_process "$pid"; then
        terminate "$pid"
        echo "stopped $SERVICE_NAME pid $pid on port $PORT"
    else
        log "pid $pid from $(pid_file) does not run $SERVICE_NAME, so only its files are removed"
    fi
    rm -f "$@"
}
