#!/usr/bin/env bash
# Starts, stops and checks S3Proxy on 127.0.0.1 as a stand-in for Amazon S3, with the bucket
# cat-data-v21 in a store that lasts as long as the process. Run with --help for the settings.
set -euo pipefail

readonly S3PROXY_VERSION=4.1.0
# The jar-with-dependencies artifact is the runnable one (main class org.gaul.s3proxy.Main).
readonly ARTIFACT="org.gaul:s3proxy:${S3PROXY_VERSION}:jar:jar-with-dependencies"
readonly JAR_NAME="s3proxy-${S3PROXY_VERSION}-jar-with-dependencies.jar"
readonly BUCKET=cat-data-v21
# Region for SigV4 signing. S3Proxy accepts any region in the credential scope.
readonly REGION=ap-northeast-1
# Local-only test values. S3Proxy checks signatures against them.
readonly ACCESS_KEY_ID=local-test-access-key
readonly SECRET_ACCESS_KEY=local-test-secret-key
readonly MIN_JAVA_MAJOR=17

SERVICE_NAME=S3Proxy
ENV_PREFIX=LOCAL_S3PROXY
SIGNAL_PROCESS_GROUP=0
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

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

validate_settings() {
    validate_common_settings
    require_jvm_size LOCAL_S3PROXY_HEAP "$HEAP"
    [[ $AUTHORIZATION == aws-v2-or-v4 || $AUTHORIZATION == none ]] ||
        die "LOCAL_S3PROXY_AUTHORIZATION=$AUTHORIZATION is invalid; use aws-v2-or-v4 or none."
}

pid_file() { echo "$RUN_BASE/s3proxy-$PORT.pid"; }
log_file() { echo "$RUN_BASE/s3proxy-$PORT.log"; }
properties_file() { echo "$RUN_BASE/s3proxy-$PORT.properties"; }
base_url() { echo "http://$HOST:$PORT"; }

# Sends one S3 request to a path such as /cat-data-v21/key and prints the response body.
# UNSIGNED-PAYLOAD spares hashing the body, and S3Proxy accepts it as S3 does.
s3_request() {
    local method=$1 path=$2
    shift 2
    curl_local -sS --fail-with-body --max-time 30 -X "$method" \
        --aws-sigv4 "aws:amz:$REGION:s3" --user "$ACCESS_KEY_ID:$SECRET_ACCESS_KEY" \
        -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' "$@" "$(base_url)$path"
}

healthz() {
    curl_local -fsS --max-time 3 "$(base_url)/healthz" >/dev/null 2>&1
}

# True when the PID is alive and runs the S3Proxy jar.
is_service_process() {
    local args
    args=$(ps -o args= -p "$1" 2>/dev/null) || return 1
    [[ $args == *java*"$JAR_NAME"* ]]
}

# Downloads the runnable jar into CACHE_DIR once.
ensure_jar() {
    [[ -s $JAR ]] && return 0
    mkdir -p "$CACHE_DIR" || die "cannot create the cache folder $CACHE_DIR; set LOCAL_S3PROXY_CACHE_DIR."
    download_artifact "$ARTIFACT" "$CACHE_DIR"
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
    check_not_running "$(pid_file)"
    require_free_port "$PORT" "set LOCAL_S3PROXY_PORT to a free port"

    find_java "$MIN_JAVA_MAJOR" "S3Proxy $S3PROXY_VERSION"
    ensure_jar
    ensure_run_base
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
    local pid started_ns
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

    local outcome=0
    wait_for_start "$pid" 0.2 healthz || outcome=$?
    if ((outcome != 0)); then
        tail -n 20 "$(log_file)" >&2
        if ((outcome == 1)); then
            die "S3Proxy exited during start-up; see the log above ($(log_file)) for the cause."
        fi
        die "GET $(base_url)/healthz did not succeed within $START_TIMEOUT_S s, so S3Proxy was stopped; see $(log_file), or raise LOCAL_S3PROXY_START_TIMEOUT_S."
    fi
    local elapsed_ms
    elapsed_ms=$(ms_since "$started_ns")

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
    print_started "$pid" "$elapsed_ms"
    echo "log $(log_file)"
}

cmd_stop() {
    validate_settings
    stop_service "$(pid_file)"
}

cmd_status() {
    validate_settings
    local pid
    if ! pid=$(read_pid) || ! is_service_process "$pid"; then
        echo "S3Proxy is not running on port $PORT"
        return 3
    fi
    if ! healthz; then
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
    if ! pid=$(read_pid) || ! is_service_process "$pid"; then
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
