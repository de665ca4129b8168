#!/usr/bin/env bash
# Starts, stops and checks kinesis-mock (npm package kinesis-local) on 127.0.0.1 with the
# stream cat-position-stream (10 shards, region ap-northeast-1) held in memory. Run with --help
# for the settings.
set -euo pipefail

readonly PACKAGE=kinesis-local
readonly PACKAGE_VERSION=0.6.2
readonly REGION=ap-northeast-1
readonly STREAM_NAME=cat-position-stream
readonly SHARD_COUNT=10
# Local-only test values. kinesis-mock accepts any access key and does not check signatures.
readonly ACCESS_KEY_ID=local-test-access-key
readonly SECRET_ACCESS_KEY=local-test-secret-key

SERVICE_NAME=kinesis-mock
ENV_PREFIX=LOCAL_KINESIS_MOCK
SIGNAL_PROCESS_GROUP=0
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR
source "$SCRIPT_DIR/common.sh"

LOOPBACK_HOOK=$SCRIPT_DIR/kinesis-mock-loopback.cjs

CACHE_DIR=${LOCAL_KINESIS_MOCK_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/cat-data-v21/kinesis-local}
RUN_BASE=${LOCAL_KINESIS_MOCK_RUN_BASE:-$REPO_ROOT/target/kinesis-mock-local}
PORT=${LOCAL_KINESIS_MOCK_PORT:-4568}
TLS_PORT=${LOCAL_KINESIS_MOCK_TLS_PORT:-4567}
START_TIMEOUT_S=${LOCAL_KINESIS_MOCK_START_TIMEOUT_S:-60}
# After TERM the mock waits for open client connections to close, about 30 s when a client keeps
# an idle keep-alive connection. It keeps nothing on disk, so KILL after a short wait loses nothing.
STOP_TIMEOUT_S=${LOCAL_KINESIS_MOCK_STOP_TIMEOUT_S:-5}

PACKAGE_DIR=$CACHE_DIR/node_modules/$PACKAGE

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME start|stop|status|check|--help

Runs kinesis-mock ($PACKAGE $PACKAGE_VERSION from npm) with 'node main.js' on $HOST,
with the stream $STREAM_NAME ($SHARD_COUNT shards) in region $REGION, in memory only.
Clients use the plain HTTP endpoint http://$HOST:<port>. The mock also serves HTTPS with
a self-signed certificate on a second port, which this script keeps on $HOST as well.
The mock accepts any access key and secret (this script uses $ACCESS_KEY_ID), and
requests in JSON (application/x-amz-json-1.1) or CBOR (application/x-amz-cbor-1.1).

  start    Install the package into the cache folder if needed, start the mock, wait until
           DescribeStreamSummary reports $STREAM_NAME as ACTIVE, print the endpoint and PID.
  stop     Send TERM to the mock started on the port, KILL it after the stop timeout,
           remove its pid file. Streams and records are gone afterwards.
  status   Report whether the mock started on the port answers. Exit status 0 when it
           answers, 1 when the process runs but does not answer, 3 when it is not running.
  check    Put one record with PutRecord and read it back with GetShardIterator and
           GetRecords. Exit status 0 when the record comes back unchanged.

Settings (environment variables):
  LOCAL_KINESIS_MOCK_PORT             Plain HTTP port on $HOST (default 4568).
  LOCAL_KINESIS_MOCK_TLS_PORT         HTTPS port on $HOST (default 4567).
  LOCAL_KINESIS_MOCK_START_TIMEOUT_S  Seconds start waits for the stream (default 60).
  LOCAL_KINESIS_MOCK_STOP_TIMEOUT_S   Seconds stop waits after TERM before KILL (default 5).
  LOCAL_KINESIS_MOCK_CACHE_DIR        npm install folder
                                      (default \${XDG_CACHE_HOME:-\$HOME/.cache}/cat-data-v21/kinesis-local).
  LOCAL_KINESIS_MOCK_RUN_BASE         Folder for pid files and logs
                                      (default <repository>/target/kinesis-mock-local).

Files: <run base>/kinesis-mock-<port>.pid and <run base>/kinesis-mock-<port>.log.
EOF
}

validate_settings() {
    validate_common_settings
    require_port LOCAL_KINESIS_MOCK_TLS_PORT "$TLS_PORT"
    ((PORT != TLS_PORT)) ||
        die "LOCAL_KINESIS_MOCK_PORT and LOCAL_KINESIS_MOCK_TLS_PORT are both $PORT; the mock needs two ports."
}

pid_file() { echo "$RUN_BASE/kinesis-mock-$PORT.pid"; }
log_file() { echo "$RUN_BASE/kinesis-mock-$PORT.log"; }
base_url() { echo "http://$HOST:$PORT"; }

# Checks for node, or for npm too when the package still has to be installed.
require_node() {
    local command
    for command in "$@"; do
        command -v "$command" >/dev/null ||
            die "$command not found on PATH; install Node.js with npm (Debian: apt-get install nodejs npm)."
    done
}

# Sends one Kinesis API call and prints the response body. curl signs it with SigV4 because
# the mock rejects requests without an Authorization header (MissingAuthenticationTokenException)
# and reads the region from its credential scope.
kinesis_call() {
    local action=$1 body=$2
    curl_local -sS --fail-with-body --max-time 10 \
        --aws-sigv4 "aws:amz:$REGION:kinesis" --user "$ACCESS_KEY_ID:$SECRET_ACCESS_KEY" \
        -H "X-Amz-Target: Kinesis_20131202.$action" \
        -H 'Content-Type: application/x-amz-json-1.1' \
        --data "$body" "$(base_url)/"
}

# Prints the value of a string field of a flat JSON response, or nothing.
json_string() {
    sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"
}

json_number() {
    sed -n "s/.*\"$1\":\\([0-9]*\\).*/\\1/p"
}

describe_stream_summary() {
    kinesis_call DescribeStreamSummary "{\"StreamName\":\"$STREAM_NAME\"}"
}

# Succeeds when DescribeStreamSummary reports the stream as ACTIVE, and keeps the response in
# STREAM_SUMMARY.
stream_is_active() {
    STREAM_SUMMARY=$(describe_stream_summary 2>/dev/null) &&
        [[ $STREAM_SUMMARY == *'"StreamStatus":"ACTIVE"'* ]]
}

# True when the PID is alive and runs the mock's main.js.
is_service_process() {
    local args
    args=$(ps -o args= -p "$1" 2>/dev/null) || return 1
    [[ $args == *node*main.js* ]]
}

# Installs the pinned package into CACHE_DIR once.
ensure_package() {
    if [[ -f $PACKAGE_DIR/main.js ]] &&
        grep -q "\"version\" *: *\"$PACKAGE_VERSION\"" "$PACKAGE_DIR/package.json" 2>/dev/null; then
        return 0
    fi
    require_node npm
    mkdir -p "$CACHE_DIR" || die "cannot create the cache folder $CACHE_DIR; set LOCAL_KINESIS_MOCK_CACHE_DIR."
    log "installing $PACKAGE@$PACKAGE_VERSION into $CACHE_DIR with npm"
    npm install --prefix "$CACHE_DIR" --no-audit --no-fund --loglevel=error \
        "$PACKAGE@$PACKAGE_VERSION" >&2 ||
        die "npm could not install $PACKAGE@$PACKAGE_VERSION; check access to the npm registry and ~/.npmrc, then retry."
    [[ -f $PACKAGE_DIR/main.js && -f $PACKAGE_DIR/server.json ]] ||
        die "npm finished but $PACKAGE_DIR has no main.js or server.json; delete $CACHE_DIR and retry."
}

cmd_start() {
    validate_settings
    require_node node
    require_curl_sigv4
    [[ -f $LOOPBACK_HOOK ]] || die "$LOOPBACK_HOOK is missing; restore it from the repository."
    check_not_running "$(pid_file)"
    local port
    for port in "$PORT" "$TLS_PORT"; do
        require_free_port "$port" "set LOCAL_KINESIS_MOCK_PORT and LOCAL_KINESIS_MOCK_TLS_PORT to free ports"
    done

    ensure_package
    ensure_run_base

    # kinesis-mock reads its whole configuration from environment variables. server.json in
    # the package folder holds only the self-signed TLS key and certificate, read relative to
    # the working folder. env -i keeps the caller's AWS_REGION, AWS_ACCOUNT_ID and proxies
    # away from the mock. INITIALIZE_STREAMS is name:shards:region.
    local env_vars=(
        PATH="$(dirname "$(command -v node)"):/usr/bin:/bin"
        KINESIS_MOCK_PLAIN_PORT="$PORT"
        KINESIS_MOCK_TLS_PORT="$TLS_PORT"
        KINESIS_MOCK_CERT_PATH="$PACKAGE_DIR/server.json"
        AWS_REGION="$REGION"
        AWS_ACCOUNT_ID=000000000000
        INITIALIZE_STREAMS="$STREAM_NAME:$SHARD_COUNT:$REGION"
        SHOULD_PERSIST_DATA=false
        LOAD_DATA_IF_EXISTS=false
        LOG_LEVEL=INFO
    )

    log "starting kinesis-mock $PACKAGE_VERSION with node $(node --version)"
    local pid started_ns
    started_ns=$(date +%s%N)
    local detach=()
    command -v setsid >/dev/null && detach=(setsid)
    # setsid detaches the mock from the terminal, so closing it or pressing Ctrl-C there does
    # not stop the mock. setsid and env exec, so $! is the node process.
    (cd "$PACKAGE_DIR" &&
        exec ${detach[@]+"${detach[@]}"} env -i "${env_vars[@]}" node --require "$LOOPBACK_HOOK" main.js) \
        </dev/null >"$(log_file)" 2>&1 &
    pid=$!
    echo "$pid" >"$(pid_file)"

    # The mock creates the streams of INITIALIZE_STREAMS before it opens its ports, and a
    # stream is CREATING for CREATE_STREAM_DURATION (500 ms by default) after that.
    local outcome=0
    wait_for_start "$pid" 0.2 stream_is_active || outcome=$?
    if ((outcome != 0)); then
        tail -n 20 "$(log_file)" >&2
        if ((outcome == 1)); then
            die "kinesis-mock exited during start-up; see the log above ($(log_file)) for the cause."
        fi
        die "kinesis-mock did not report $STREAM_NAME as ACTIVE within $START_TIMEOUT_S s, so it was stopped; see $(log_file), or raise LOCAL_KINESIS_MOCK_START_TIMEOUT_S."
    fi
    local elapsed_ms shards
    elapsed_ms=$(ms_since "$started_ns")
    shards=$(json_number OpenShardCount <<<"$STREAM_SUMMARY")
    [[ $shards == "$SHARD_COUNT" ]] ||
        log "warning: $STREAM_NAME has ${shards:-an unknown number of} open shards, expected $SHARD_COUNT"

    echo "kinesis-mock $PACKAGE_VERSION answers at $(base_url) (HTTPS with a self-signed certificate at https://$HOST:$TLS_PORT)"
    echo "stream $STREAM_NAME: ACTIVE, $shards open shards, region $REGION, in memory"
    echo "credentials: any access key and secret, for example $ACCESS_KEY_ID / $SECRET_ACCESS_KEY"
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
        echo "kinesis-mock is not running on port $PORT"
        return 3
    fi
    local summary
    if ! summary=$(describe_stream_summary 2>&1); then
        echo "kinesis-mock pid $pid runs but DescribeStreamSummary at $(base_url) failed: $summary"
        return 1
    fi
    echo "kinesis-mock pid $pid answers at $(base_url), resident memory $(rss_mib "$pid") MiB"
    echo "stream $STREAM_NAME: $(json_string StreamStatus <<<"$summary"), $(json_number OpenShardCount <<<"$summary") open shards, region $REGION"
}

cmd_check() {
    validate_settings
    require_curl_sigv4
    require_commands base64
    local pid
    if ! pid=$(read_pid) || ! is_service_process "$pid"; then
        die "kinesis-mock is not running on port $PORT; run '$SCRIPT_NAME start' first."
    fi

    local text data put shard_id sequence_number iterator_response iterator records
    text="cat-data-v21 check $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    data=$(printf '%s' "$text" | base64 | tr -d '\n')
    put=$(kinesis_call PutRecord \
        "{\"StreamName\":\"$STREAM_NAME\",\"PartitionKey\":\"check\",\"Data\":\"$data\"}") ||
        die "PutRecord failed: $put"
    shard_id=$(json_string ShardId <<<"$put")
    sequence_number=$(json_string SequenceNumber <<<"$put")
    [[ -n $shard_id && -n $sequence_number ]] || die "PutRecord returned no ShardId or SequenceNumber: $put"

    iterator_response=$(kinesis_call GetShardIterator \
        "{\"StreamName\":\"$STREAM_NAME\",\"ShardId\":\"$shard_id\",\"ShardIteratorType\":\"AT_SEQUENCE_NUMBER\",\"StartingSequenceNumber\":\"$sequence_number\"}") ||
        die "GetShardIterator failed: $iterator_response"
    iterator=$(json_string ShardIterator <<<"$iterator_response")
    [[ -n $iterator ]] || die "GetShardIterator returned no ShardIterator: $iterator_response"

    records=$(kinesis_call GetRecords "{\"ShardIterator\":\"$iterator\",\"Limit\":1}") ||
        die "GetRecords failed: $records"
    [[ $records == *"\"Data\":\"$data\""* && $records == *"\"SequenceNumber\":\"$sequence_number\""* ]] ||
        die "GetRecords did not return the record put to $shard_id with sequence number $sequence_number: $records"
    echo "check passed: PutRecord to $shard_id (sequence number $sequence_number), GetRecords returned the same data"
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
