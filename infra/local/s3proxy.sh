#!/usr/bin/env bash
# Starts, stops and checks S3Proxy on 127.0.0.1 as a stand-in for Amazon S3, with the bucket
# cat-data-v21 in a store that lasts as long as the process. Run with --help for the settings.
set -euo pipefail

readonly S3PROXY_VERSION=4.1.0
# The jar-with-dependencies artifact is the runnable one (main class org.gaul.s3proxy.Main).
readonly ARTIFACT="org.gaul:s3proxy:${S3PROXY_VERSION}:jar:jar-with-dependencies"
readonly JAR_NAME="s3proxy-${S3PROXY_VERSION}-jar-with-dependencies.jar"
# The same plugin version as in the root pom.xml.
readonly DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
# S3Proxy binds, and this script sends requests to, loopback only. This is not a setting.
readonly HOST=127.0.0.1
readonly BUCKET=cat-data-v21
# Region for SigV4 signing. S3Proxy accepts any region in the credential scope.
readonly REGION=ap-northeast-1
# Local-only test values. S3Proxy checks signatures against them.
readonly ACCESS_KEY_ID=local-test-access-key
readonly SECRET_ACCESS_KEY=local-test-secret-key
readonly MIN_JAVA_MAJOR=17

SCRIPT_NAME=$(basename "$0")
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

CACHE_DIR=${LOCAL_S3PROXY_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/cat-data-v21/s3proxy}
RUN_BASE=${LOCAL_S3PROXY_RUN_BASE:-$REPO_ROOT/target/s3proxy-local}
PORT=${LOCAL_S3PROXY_PORT:-18081}
HEAP=${LOCAL_S3PROXY_HEAP:-512m}
DATA_DIR=${LOCAL_S3PROXY_DATA_DIR:-}
AUTHORIZATION=${LOCAL_S3PROXY_AUTHORIZATION:-aws-v2-or-v4}
START_TIMEOUT_S=${LOCAL_S3PROXY_START_TIMEOUT_S:-60}
STOP_TIMEOUT_S=${LOCAL_S3PROXY_STOP_TIMEOUT_S:-15}

JAR=$CACHE_DIR/$JAR_NAME

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME start|stop|status|check|--help

Runs S3Proxy $S3PROXY_VERSION (Maven artifact $ARTIFACT) on $HOST
with the bucket $BUCKET. Clients use path-style addresses, http://$HOST:<port>/$BUCKET/<key>,
and sign with SigV4 using the local-only test credentials
access key id $ACCESS_KEY_ID, secret access key $SECRET_ACCESS_KEY (any region).

  start    Download the jar into the cache folder if needed, start S3Proxy, wait until
           GET /healthz answers, create the bucket, print the endpoint and PID.
  stop     Send TERM to S3Proxy started on the port, KILL it after the stop timeout, remove
           its pid file. Objects in the in-memory store are gone afterwards.
  status   Report whether S3Proxy started on the port answers and the bucket exists. Exit
           status 0 when it answers, 1 when the process runs but does not answer, 3 when it
           is not running.
  check    Put one object, read it back and delete it. Exit status 0 when the object comes
           back unchanged.

Settings (environment variables):
  LOCAL_S3PROXY_PORT             HTTP port on $HOST (default 18081).
  LOCAL_S3PROXY_DATA_DIR         Keep objects as files in this folder (jclouds provider
                                 filesystem), so they outlive the process and can be read
                                 directly, with bucket $BUCKET as a subfolder. Unset (default):
                                 keep them in the JVM heap (provider transient).
  LOCAL_S3PROXY_HEAP             JVM heap, used for -Xmx (default 512m). The in-memory store
                                 holds every object in this heap. S3PROXY_JAVA_OPTS, if set,
                                 is passed on after it.
  LOCAL_S3PROXY_AUTHORIZATION    aws-v2-or-v4 (default) checks signatures against the test
                                 credentials above; none accepts any request, signed or not.
  LOCAL_S3PROXY_START_TIMEOUT_S  Seconds start waits for /healthz (default 60).
  LOCAL_S3PROXY_STOP_TIMEOUT_S   Seconds stop waits after TERM before KILL (default 15).
  LOCAL_S3PROXY_CACHE_DIR        Download folder for the jar
                                 (default \${XDG_CACHE_HOME:-\$HOME/.cache}/cat-data-v21/s3proxy).
  LOCAL_S3PROXY_RUN_BASE         Folder for pid files, properties files and logs
                                 (default <repository>/target/s3proxy-local).
  JAVA_HOME                      JDK for S3Proxy (Java $MIN_JAVA_MAJOR or later); without it,
                                 the java on PATH.

Files: <run base>/s3proxy-<port>.pid, s3proxy-<port>.properties and s3proxy-<port>.log.
EOF
}

log() { echo "$SCRIPT_NAME: $*" >&2; }
die() {
    echo "$SCRIPT_NAME: error: $*" >&2
    exit 1
}

require_uint() {
    local name=$1 value=$2
    [[ $value =~ ^[0-9]+$ ]] || die "$name=$value is not a whole number; set it to $3."
}

validate_settings() {
    require_uint LOCAL_S3PROXY_PORT "$PORT" "a port number"
    ((PORT >= 1 && PORT <= 65535)) || die "LOCAL_S3PROXY_PORT=$PORT is outside 1-65535."
    require_uint LOCAL_S3PROXY_START_TIMEOUT_S "$START_TIMEOUT_S" "a number of seconds"
    require_uint LOCAL_S3PROXY_STOP_TIMEOUT_S "$STOP_TIMEOUT_S" "a number of seconds"
    [[ $HEAP =~ ^[0-9]+[kKmMgG]$ ]] ||
        die "LOCAL_S3PROXY_HEAP=$HEAP is invalid; use a JVM size such as 512m or 1g."
    [[ $AUTHORIZATION == aws-v2-or-v4 || $AUTHORIZATION == none ]] ||
        die "LOCAL_S3PROXY_AUTHORIZATION=$AUTHORIZATION is invalid; use aws-v2-or-v4 or none."
}

pid_file() { echo "$RUN_BASE/s3proxy-$PORT.pid"; }
log_file() { echo "$RUN_BASE/s3proxy-$PORT.log"; }
properties_file() { echo "$RUN_BASE/s3proxy-$PORT.properties"; }
base_url() { echo "http://$HOST:$PORT"; }

require_commands() {
    local missing=() command
    for command in "$@"; do
        command -v "$command" >/dev/null || missing+=("$command")
    done
    ((${#missing[@]} == 0)) ||
        die "missing commands: ${missing[*]}; install them (Debian: apt-get install ${missing[*]})."
}

require_curl_sigv4() {
    require_commands curl
    curl --help all 2>/dev/null | grep -q -- '--aws-sigv4' ||
        die "this curl has no --aws-sigv4 option; install curl 7.75 or later."
}

# Sends one S3 request to a path such as /cat-data-v21/key and prints the response body.
# UNSIGNED-PAYLOAD spares hashing the body, and S3Proxy accepts it as S3 does. --noproxy keeps
# a proxy from the environment out of the path to loopback.
s3_request() {
    local method=$1 path=$2
    shift 2
    curl -sS --fail-with-body --noproxy '*' --max-time 30 -X "$method" \
        --aws-sigv4 "aws:amz:$REGION:s3" --user "$ACCESS_KEY_ID:$SECRET_ACCESS_KEY" \
        -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' "$@" "$(base_url)$path"
}

healthz() {
    curl -fsS --noproxy '*' --max-time 3 "$(base_url)/healthz"
}

port_in_use() {
    (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
}

port_holder() {
    if command -v ss >/dev/null; then
        ss -Hltnp "( sport = :$PORT )" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -1
    fi
}

rss_mib() {
    local rss_kib
    rss_kib=$(ps -o rss= -p "$1" 2>/dev/null | tr -d ' ')
    [[ -n $rss_kib ]] && echo $((rss_kib / 1024)) || echo "?"
}

# True when the PID is alive and runs the S3Proxy jar, so a PID that the system reused for
# another program after a crash is never signalled.
is_s3proxy_process() {
    local args
    args=$(ps -o args= -p "$1" 2>/dev/null) || return 1
    [[ $args == *java*"$JAR_NAME"* ]]
}

read_pid() {
    local file pid
    file=$(pid_file)
    [[ -f $file ]] || return 1
    pid=$(<"$file")
    [[ $pid =~ ^[0-9]+$ ]] || die "pid file $file does not contain a PID; remove it and retry."
    echo "$pid"
}

# Sends TERM, waits up to STOP_TIMEOUT_S, then sends KILL. Returns once the process is gone.
terminate() {
    local pid=$1 waited=0
    kill -TERM "$pid" 2>/dev/null || return 0
    while kill -0 "$pid" 2>/dev/null && ((waited < STOP_TIMEOUT_S * 10)); do
        sleep 0.1
        waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "pid $pid still runs ${STOP_TIMEOUT_S} s after TERM; sending KILL"
        kill -KILL "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
}

# Sets JAVA to the java binary to run and checks its version.
find_java() {
    if [[ -n ${JAVA_HOME:-} ]]; then
        JAVA=$JAVA_HOME/bin/java
        [[ -x $JAVA ]] || die "JAVA_HOME=$JAVA_HOME has no bin/java; point JAVA_HOME at a JDK $MIN_JAVA_MAJOR or later."
    else
        JAVA=$(command -v java) ||
            die "Java not found: JAVA_HOME is unset and there is no java on PATH; install a JDK $MIN_JAVA_MAJOR or later (Debian: apt-get install openjdk-17-jdk-headless) or set JAVA_HOME."
    fi
    # java.specification.version is "1.8" for Java 8 and "17" for Java 17.
    local spec major
    spec=$("$JAVA" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java\.specification\.version = //p')
    [[ -n $spec ]] || die "could not read the version of $JAVA; check that it runs."
    major=${spec#1.}
    major=${major%%.*}
    ((major >= MIN_JAVA_MAJOR)) ||
        die "$JAVA is Java $spec, but S3Proxy $S3PROXY_VERSION needs Java $MIN_JAVA_MAJOR or later; set JAVA_HOME to a newer JDK."
    JAVA_SPEC=$spec
}

# Downloads the runnable jar into CACHE_DIR once.
ensure_jar() {
    [[ -s $JAR ]] && return 0
    command -v mvn >/dev/null ||
        die "mvn not found on PATH, and $JAR is not downloaded yet; install Apache Maven 3.8 or later (Debian: apt-get install maven)."
    mkdir -p "$CACHE_DIR" || die "cannot create the cache folder $CACHE_DIR; set LOCAL_S3PROXY_CACHE_DIR."
    log "downloading $ARTIFACT with Maven"
    # Run outside the repository so Maven does not read the project's poms.
    (cd "$CACHE_DIR" && mvn -B -q -Dstyle.color=never "$DEPENDENCY_PLUGIN:copy" -Dartifact="$ARTIFACT" \
        -DoutputDirectory="$CACHE_DIR") >&2 ||
        die "Maven could not fetch $ARTIFACT; check access to the Maven repository and ~/.m2/settings.xml, then retry."
    [[ -s $JAR ]] || die "Maven finished but $JAR is missing; retry, or place the jar there by hand."
}

# Writes the properties file. S3Proxy binds the host and port of s3proxy.endpoint.
write_properties() {
    local file
    file=$(properties_file)
    (
        umask 077
        {
            echo "s3proxy.endpoint=$(base_url)"
            echo "s3proxy.authorization=$AUTHORIZATION"
            if [[ $AUTHORIZATION != none ]]; then
                echo "s3proxy.identity=$ACCESS_KEY_ID"
                echo "s3proxy.credential=$SECRET_ACCESS_KEY"
            fi
            if [[ -n $DATA_DIR ]]; then
                echo "jclouds.provider=filesystem"
                echo "jclouds.filesystem.basedir=$DATA_DIR"
            else
                echo "jclouds.provider=transient"
            fi
        } >"$file"
    )
}

describe_store() {
    if [[ -n $DATA_DIR ]]; then
        echo "files under $DATA_DIR"
    else
        echo "in memory"
    fi
}

cmd_start() {
    validate_settings
    require_curl_sigv4
    local pid
    if pid=$(read_pid); then
        if is_s3proxy_process "$pid"; then
            die "S3Proxy already runs on port $PORT (pid $pid, pid file $(pid_file)); run '$SCRIPT_NAME stop' first."
        fi
        log "removing stale pid file $(pid_file) (pid $pid is gone)"
        rm -f "$(pid_file)"
    fi
    if port_in_use; then
        local holder
        holder=$(port_holder)
        die "port $PORT on $HOST is already in use${holder:+ by $holder}; stop that process or set LOCAL_S3PROXY_PORT to a free port."
    fi

    find_java
    ensure_jar
    mkdir -p "$RUN_BASE" || die "cannot create $RUN_BASE; set LOCAL_S3PROXY_RUN_BASE."
    if [[ -n $DATA_DIR ]]; then
        mkdir -p "$DATA_DIR" || die "cannot create LOCAL_S3PROXY_DATA_DIR=$DATA_DIR; set it to a writable folder."
        DATA_DIR=$(cd "$DATA_DIR" && pwd)
    fi
    write_properties

    # S3PROXY_JAVA_OPTS comes last so that its -Xmx wins over the default.
    local java_opts=(-Xmx"$HEAP") extra_opts=()
    if [[ -n ${S3PROXY_JAVA_OPTS:-} ]]; then
        read -r -a extra_opts <<<"$S3PROXY_JAVA_OPTS"
        java_opts+=("${extra_opts[@]}")
    fi

    log "starting S3Proxy $S3PROXY_VERSION with Java $JAVA_SPEC ($JAVA), heap $HEAP"
    local started_ns
    started_ns=$(date +%s%N)
    local detach=()
    command -v setsid >/dev/null && detach=(setsid)
    # setsid detaches S3Proxy from the terminal, so closing it or pressing Ctrl-C there does
    # not stop it. setsid and env exec, so $! is the JVM. env -i keeps the caller's
    # JAVA_TOOL_OPTIONS and proxies away from it.
    ${detach[@]+"${detach[@]}"} env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \
        "$JAVA" "${java_opts[@]}" -jar "$JAR" --properties "$(properties_file)" \
        </dev/null >"$(log_file)" 2>&1 &
    pid=$!
    echo "$pid" >"$(pid_file)"

    local deadline_s=$((SECONDS + START_TIMEOUT_S))
    until healthz >/dev/null 2>&1; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$(pid_file)"
            tail -n 20 "$(log_file)" >&2
            die "S3Proxy exited during start-up; see the log above ($(log_file)) for the cause."
        fi
        if ((SECONDS >= deadline_s)); then
            terminate "$pid"
            rm -f "$(pid_file)"
            tail -n 20 "$(log_file)" >&2
            die "GET $(base_url)/healthz did not succeed within $START_TIMEOUT_S s, so S3Proxy was stopped; see $(log_file), or raise LOCAL_S3PROXY_START_TIMEOUT_S."
        fi
        sleep 0.2
    done
    local elapsed_ms=$((($(date +%s%N) - started_ns) / 1000000))

    # A filesystem store keeps the bucket from an earlier run, and S3Proxy then returns 409
    # BucketAlreadyOwnedByYou.
    local response
    if ! response=$(s3_request PUT "/$BUCKET" 2>&1) && [[ $response != *BucketAlreadyOwnedByYou* ]]; then
        terminate "$pid"
        rm -f "$(pid_file)"
        die "creating the bucket $BUCKET failed, so S3Proxy was stopped: $response"
    fi

    echo "S3Proxy $S3PROXY_VERSION answers at $(base_url) (path-style: $(base_url)/$BUCKET/<key>)"
    echo "bucket $BUCKET, store: $(describe_store)"
    if [[ $AUTHORIZATION == none ]]; then
        echo "authorization: none (any request is accepted, signed or not)"
    else
        echo "credentials (local-only test values): access key id $ACCESS_KEY_ID, secret access key $SECRET_ACCESS_KEY"
    fi
    echo "pid $pid (pid file $(pid_file)), started in $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000))) s, resident memory $(rss_mib "$pid") MiB"
    echo "log $(log_file)"
}

cmd_stop() {
    validate_settings
    local pid
    if ! pid=$(read_pid); then
        if port_in_use; then
            die "no pid file $(pid_file), but something listens on $HOST:$PORT; it was not started by this script with LOCAL_S3PROXY_RUN_BASE=$RUN_BASE. Stop it by its own means."
        fi
        echo "S3Proxy is not running on port $PORT (no pid file $(pid_file))"
        return 0
    fi
    if is_s3proxy_process "$pid"; then
        terminate "$pid"
        echo "stopped S3Proxy pid $pid on port $PORT"
    else
        log "pid $pid from $(pid_file) is not an S3Proxy process any more; removing the pid file only"
    fi
    rm -f "$(pid_file)"
}

cmd_status() {
    validate_settings
    local pid
    if ! pid=$(read_pid) || ! is_s3proxy_process "$pid"; then
        echo "S3Proxy is not running on port $PORT"
        return 3
    fi
    if ! healthz >/dev/null 2>&1; then
        echo "S3Proxy pid $pid runs but $(base_url)/healthz does not answer"
        return 1
    fi
    echo "S3Proxy pid $pid answers at $(base_url), resident memory $(rss_mib "$pid") MiB"
    if s3_request HEAD "/$BUCKET" --head -o /dev/null 2>/dev/null; then
        echo "bucket $BUCKET exists"
    else
        echo "bucket $BUCKET is missing or not readable with the test credentials"
    fi
}

cmd_check() {
    validate_settings
    require_curl_sigv4
    local pid
    if ! pid=$(read_pid) || ! is_s3proxy_process "$pid"; then
        die "S3Proxy is not running on port $PORT; run '$SCRIPT_NAME start' first."
    fi

    local key text response
    key="check/$(date -u +%Y%m%dT%H%M%SZ)-$$.txt"
    text="cat-data-v21 check $key"
    # An explicit Content-Type, because with curl's default form type S3Proxy reads the body
    # as form parameters and the signature no longer matches.
    response=$(printf '%s' "$text" | s3_request PUT "/$BUCKET/$key" \
        -H 'Content-Type: text/plain' --data-binary @- 2>&1) ||
        die "PUT /$BUCKET/$key failed: $response"
    response=$(s3_request GET "/$BUCKET/$key" 2>&1) || die "GET /$BUCKET/$key failed: $response"
    [[ $response == "$text" ]] || die "GET /$BUCKET/$key returned '$response', expected '$text'"
    response=$(s3_request DELETE "/$BUCKET/$key" 2>&1) || die "DELETE /$BUCKET/$key failed: $response"
    echo "check passed: PUT, GET and DELETE of $(base_url)/$BUCKET/$key"
}

main() {
    case ${1:-} in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    check) cmd_check ;;
    -h | --help | help) usage ;;
    "")
        usage >&2
        exit 2
        ;;
    *)
        echo "$SCRIPT_NAME: error: unknown command '$1'; use start, stop, status, check or --help." >&2
        exit 2
        ;;
    esac
}

main "$@"
