#!/usr/bin/env bash
# Starts, stops and checks a throwaway single-node OpenSearch on 127.0.0.1 for local work and
# tests. Run with --help for the settings.
# NOTE: Linux only, because it reads /proc and uses setpriv and GNU coreutils options.
set -euo pipefail

SECURITY=${LOCAL_OPENSEARCH_SECURITY:-0}
# Maven Central has the security plugin for 2.19.4 but not for 2.19.6, and a plugin loads only
# into the OpenSearch version it was built for. A node with the plugin therefore runs 2.19.4.
if [[ $SECURITY == 1 ]]; then
    readonly OPENSEARCH_VERSION=2.19.4
else
    readonly OPENSEARCH_VERSION=2.19.6
fi
readonly ARTIFACT="org.opensearch.distribution.integ-test-zip:opensearch:${OPENSEARCH_VERSION}:zip"
# The core geo module (geo_shape fields, geohash_grid, geotile_grid and geo_bounds), which the
# integ-test zip leaves out. Maven Central serves the module's jar, which is all the module needs.
readonly GEO_ARTIFACT="org.opensearch.plugin:geo:${OPENSEARCH_VERSION}:jar"
readonly SECURITY_ARTIFACT="org.opensearch.plugin:opensearch-security:${OPENSEARCH_VERSION}.0:zip"
readonly MIN_JAVA_MAJOR=11
# Subject of the node certificate, in the RFC 2253 order that plugins.security.nodes_dn takes.
readonly NODE_DN="CN=node,OU=local,O=cat-data-v21"

SERVICE_NAME=OpenSearch
ENV_PREFIX=LOCAL_OPENSEARCH
# Stopping signals the node's process group, because it also contains the short-lived JVMs
# that bin/opensearch runs before it execs the node. Signalling the PID alone leaves them behind.
SIGNAL_PROCESS_GROUP=1
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CACHE_DIR=${LOCAL_OPENSEARCH_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/cat-data-v21/opensearch}
RUN_BASE=${LOCAL_OPENSEARCH_RUN_BASE:-$REPO_ROOT/target/opensearch-local}
EXPLICIT_RUN_DIR=${LOCAL_OPENSEARCH_RUN_DIR:-}
PORT=${LOCAL_OPENSEARCH_PORT:-9200}
HEAP=${LOCAL_OPENSEARCH_HEAP:-512m}
START_TIMEOUT_S=${LOCAL_OPENSEARCH_START_TIMEOUT_S:-120}
STOP_TIMEOUT_S=${LOCAL_OPENSEARCH_STOP_TIMEOUT_S:-30}
NODE_USER=${LOCAL_OPENSEARCH_USER:-nobody}
KEEP_RUN=${LOCAL_OPENSEARCH_KEEP_RUN:-0}
ADMIN_PASSWORD=${LOCAL_OPENSEARCH_ADMIN_PASSWORD:-}

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME start|stop|status|--help

Runs OpenSearch $OPENSEARCH_VERSION (Maven artifact $ARTIFACT)
as a single node bound to $HOST. By default the node has no security plugin, so HTTP is
plain and needs no password. With LOCAL_OPENSEARCH_SECURITY=1 it runs OpenSearch 2.19.4
with the security plugin (org.opensearch.plugin:opensearch-security:2.19.4.0): fine-grained
access control, the internal user admin, TLS on the transport layer with certificates made
for the run, and plain HTTP with basic auth on $HOST.

  start    Download and unpack the distribution if needed, start a node in a new run
           folder, wait until GET /_cluster/health returns, print the URL and the PID.
  stop     Send TERM to the node started on the port, KILL it after the stop timeout,
           remove its pid file and its run folder.
  status   Report whether the node started on the port answers. Exit status 0 when it
           answers, 1 when the process runs but does not answer, 3 when it is not running.

Settings (environment variables):
  LOCAL_OPENSEARCH_PORT             HTTP port on $HOST (default 9200). The transport
                                    layer takes the first free port from 9300-9400.
  LOCAL_OPENSEARCH_HEAP             JVM heap, used for both -Xms and -Xmx (default 512m).
                                    OPENSEARCH_JAVA_OPTS, if set, is passed on after it.
  LOCAL_OPENSEARCH_START_TIMEOUT_S  Seconds start waits for the health endpoint (default 120).
  LOCAL_OPENSEARCH_STOP_TIMEOUT_S   Seconds stop waits after TERM before KILL (default 30).
  LOCAL_OPENSEARCH_CACHE_DIR        Download and unpack folder
                                    (default \${XDG_CACHE_HOME:-\$HOME/.cache}/cat-data-v21/opensearch).
  LOCAL_OPENSEARCH_RUN_BASE         Folder for run folders and pid files
                                    (default <repository>/target/opensearch-local).
  LOCAL_OPENSEARCH_RUN_DIR          Use this run folder instead of a new one, so a later
                                    start sees the same data. stop keeps it.
  LOCAL_OPENSEARCH_KEEP_RUN         1 keeps the run folder (data and logs) on stop (default 0).
  LOCAL_OPENSEARCH_USER             Account the node runs as when this script runs as root,
                                    because OpenSearch does not run as root (default nobody).
  LOCAL_OPENSEARCH_SECURITY         1 adds the security plugin, as above (default 0).
  LOCAL_OPENSEARCH_ADMIN_PASSWORD   Password of the internal user admin (role all_access),
                                    required with LOCAL_OPENSEARCH_SECURITY=1.
  JAVA_HOME                         JDK for the node (Java $MIN_JAVA_MAJOR or later);
                                    without it, the java on PATH.

Files: the pid file is <run base>/opensearch-<port>.pid and <run base>/opensearch-<port>.run
links to the run folder, which contains config/, data/, logs/ (console.log and the node's
logs) and tmp/.
EOF
}

validate_settings() {
    validate_common_settings
    require_jvm_size LOCAL_OPENSEARCH_HEAP "$HEAP"
    [[ $SECURITY == 0 || $SECURITY == 1 ]] ||
        die "LOCAL_OPENSEARCH_SECURITY=$SECURITY is invalid. Set it to 0 or 1."
}

# Checks the admin password that start needs when the security plugin is on.
validate_admin_password() {
    [[ $SECURITY == 1 ]] || return 0
    [[ -n $ADMIN_PASSWORD ]] ||
        die "LOCAL_OPENSEARCH_ADMIN_PASSWORD is not set. With LOCAL_OPENSEARCH_SECURITY=1, set it to the password the internal user admin should get."
    [[ $ADMIN_PASSWORD != *[\"\\]* ]] ||
        die "LOCAL_OPENSEARCH_ADMIN_PASSWORD contains a quote or backslash. Pick a password without them."
}

pid_file() { echo "$RUN_BASE/opensearch-$PORT.pid"; }
run_link() { echo "$RUN_BASE/opensearch-$PORT.run"; }
base_url() { echo "http://$HOST:$PORT"; }

http_get() {
    if [[ $SECURITY == 1 ]]; then
        # The password goes through a curl config on stdin, so it never shows in the process list.
        printf 'user = "admin:%s"\n' "$ADMIN_PASSWORD" |
            curl_local -fsS --config - --max-time "${2:-5}" "$(base_url)$1"
    else
        curl_local -fsS --max-time "${2:-5}" "$(base_url)$1"
    fi
}

# True when the PID is alive and runs the OpenSearch main class or the bin/opensearch script
# that starts it.
is_service_process() {
    local pid=$1
    [[ -r /proc/$pid/cmdline ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -Eq 'org\.opensearch\.bootstrap\.OpenSearch|/bin/opensearch( |$)'
}

# Sets DIST_HOME to the unpacked distribution in the cache, downloading and unpacking it once.
ensure_distribution() {
    DIST_HOME=$CACHE_DIR/opensearch-$OPENSEARCH_VERSION
    [[ $SECURITY == 1 ]] && DIST_HOME=$DIST_HOME-security
    [[ -x $DIST_HOME/bin/opensearch ]] && return 0

    local zip=$CACHE_DIR/download/opensearch-$OPENSEARCH_VERSION.zip
    mkdir -p "$CACHE_DIR/download" || die "cannot create the cache folder $CACHE_DIR. Set LOCAL_OPENSEARCH_CACHE_DIR."
    if [[ ! -s $zip ]]; then
        download_artifact "$ARTIFACT" "$CACHE_DIR/download"
        [[ -s $zip ]] || die "Maven finished but $zip is missing. Retry, or place the zip there by hand."
    fi

    log "unpacking $zip"
    require_commands unzip
    local staging
    staging=$(mktemp -d "$CACHE_DIR/unpack.XXXXXX")
    unzip -q "$zip" -d "$staging" || {
        rm -rf "$staging"
        die "unzip failed for $zip. Delete it so the next start downloads it again."
    }
    [[ $SECURITY == 1 ]] && install_security_plugin "$staging/opensearch-$OPENSEARCH_VERSION"
    # A rename makes the unpacked tree appear whole, so a concurrent start never finds half of it.
    if ! mv -T "$staging/opensearch-$OPENSEARCH_VERSION" "$DIST_HOME" 2>/dev/null; then
        [[ -x $DIST_HOME/bin/opensearch ]] || die "could not move the unpacked distribution to $DIST_HOME."
    fi
    rm -rf "$staging"
}

# Installs the security plugin into the unpacked distribution folder $1, which also adds the
# plugin's default configuration under config/opensearch-security/.
install_security_plugin() {
    local home=$1
    local zip=$CACHE_DIR/download/opensearch-security-$OPENSEARCH_VERSION.0.zip
    if [[ ! -s $zip ]]; then
        download_artifact "$SECURITY_ARTIFACT" "$CACHE_DIR/download"
        [[ -s $zip ]] || die "Maven finished but $zip is missing. Retry, or place the zip there by hand."
    fi
    log "installing the security plugin into $home"
    # --batch accepts the extra Java permissions that the plugin requests.
    OPENSEARCH_JAVA_HOME=$(dirname "$(dirname "$JAVA")") "$home/bin/opensearch-plugin" install \
        --batch "file://$zip" >&2 ||
        die "installing $zip failed. Delete $zip so the next start downloads it again."
}

# Adds the geo module to the distribution once: its jar from Maven Central plus the
# plugin-descriptor.properties that the module folder of the full distribution carries. The
# module loads with its own jar alone, on top of the server's classes.
ensure_geo_module() {
    local module_dir=$DIST_HOME/modules/geo
    [[ -s $module_dir/plugin-descriptor.properties ]] && return 0

    local jar=$CACHE_DIR/download/geo-$OPENSEARCH_VERSION.jar
    if [[ ! -s $jar ]]; then
        download_artifact "$GEO_ARTIFACT" "$CACHE_DIR/download"
        [[ -s $jar ]] || die "Maven finished but $jar is missing. Retry, or place the jar there by hand."
    fi
    log "adding the geo module to $DIST_HOME"
    local staging
    staging=$(mktemp -d "$CACHE_DIR/geo.XXXXXX")
    cp "$jar" "$staging/"
    cat >"$staging/plugin-descriptor.properties" <<EOF
description=Geo module: geo_shape fields and the geohash_grid, geotile_grid and geo_bounds aggregations
version=$OPENSEARCH_VERSION
name=geo
classname=org.opensearch.geo.GeoModulePlugin
java.version=11
opensearch.version=$OPENSEARCH_VERSION
custom.foldername=
extended.plugins=
has.native.controller=false
EOF
    chmod -R a+rX "$staging"
    if ! mv -T "$staging" "$module_dir" 2>/dev/null; then
        rm -rf "$staging"
        [[ -s $module_dir/plugin-descriptor.properties ]] || die "could not move the geo module to $module_dir."
    fi
}

# Sets NODE_UID, NODE_GID and RUN_AS (the command prefix that drops root), or leaves RUN_AS
# empty when this script does not run as root.
resolve_node_user() {
    RUN_AS=()
    NODE_OWNER=$(id -un)
    ((EUID == 0)) || return 0
    NODE_UID=$(id -u "$NODE_USER" 2>/dev/null) ||
        die "user $NODE_USER not found. Set LOCAL_OPENSEARCH_USER to an unprivileged account, or create one with: useradd --system --no-create-home --shell /usr/sbin/nologin opensearch-local"
    ((NODE_UID != 0)) || die "LOCAL_OPENSEARCH_USER=$NODE_USER is root, but OpenSearch does not run as root. Pick an unprivileged account."
    NODE_GID=$(id -g "$NODE_USER")
    NODE_OWNER=$NODE_USER
    require_commands setpriv
    RUN_AS=(setpriv --reuid="$NODE_UID" --regid="$NODE_GID" --clear-groups --)
}

node_user_can() {
    "${RUN_AS[@]}" test "$@"
}

# Writes config/ of the run folder: the distribution's files with paths made absolute, plus
# the settings for a loopback-only single node.
write_config() {
    local run_dir=$1
    rm -rf "$run_dir/config"
    cp -R "$DIST_HOME/config" "$run_dir/config"

    # jvm.options names logs/gc.log, logs/hs_err_pid%p.log and the heap dump folder relative to
    # the working folder, which bin/opensearch sets to the distribution folder. That folder is
    # shared and may be read-only for the node, and the JVM refuses to start when it cannot
    # open the GC log, so point them into the run folder.
    # The same file sets the heap to 1g, which is more than a test node needs.
    sed -i -e "s#file=logs/#file=$run_dir/logs/#" \
        -e "s#ErrorFile=logs/#ErrorFile=$run_dir/logs/#" \
        -e "s#HeapDumpPath=data#HeapDumpPath=$run_dir/data#" \
        -e "s#^-Xms.*#-Xms$HEAP#" \
        -e "s#^-Xmx.*#-Xmx$HEAP#" \
        "$run_dir/config/jvm.options"

    # Single-node discovery contacts no seed hosts, and network.host makes the node bind and
    # publish loopback only. The integ-test distribution has no plugins besides the
    # transport-netty4 module and the geo module added above, so nothing else in it connects out.
    cat >"$run_dir/config/opensearch.yml" <<EOF
cluster.name: cat-data-v21-local
node.name: local-$PORT
path.data: $run_dir/data
path.logs: $run_dir/logs
network.host: $HOST
http.port: $PORT
discovery.type: single-node
# A nearly full laptop disk would otherwise turn indices read-only in the middle of a test.
cluster.routing.allocation.disk.threshold_enabled: false
# Writes logs/http.ports and logs/transport.ports once the node listens.
node.portsfile: true
EOF
    if [[ $SECURITY == 1 ]]; then
        write_security_config "$run_dir/config"
    fi
}

# Writes what the security plugin needs into the run folder's config/: a CA and a node
# certificate for transport TLS, made for this run with openssl, the internal user admin with
# the bcrypt hash of LOCAL_OPENSEARCH_ADMIN_PASSWORD, and the plugin's settings.
write_security_config() {
    local config=$1
    require_commands openssl
    local subject=/O=cat-data-v21/OU=local
    (
        cd "$config" &&
            openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "$subject/CN=local-root-ca" \
                -keyout root-ca-key.pem -out root-ca.pem &&
            openssl req -newkey rsa:2048 -nodes -subj "$subject/CN=node" \
                -keyout node-key-rsa.pem -out node.csr &&
            openssl pkcs8 -topk8 -nocrypt -in node-key-rsa.pem -out node-key.pem &&
            printf '%s\n' 'subjectAltName=IP:127.0.0.1,DNS:localhost' \
                'keyUsage=digitalSignature,keyEncipherment' \
                'extendedKeyUsage=serverAuth,clientAuth' >node.ext &&
            openssl x509 -req -in node.csr -CA root-ca.pem -CAkey root-ca-key.pem \
                -CAcreateserial -days 30 -extfile node.ext -out node.pem &&
            rm -f node-key-rsa.pem node.csr node.ext root-ca-key.pem root-ca.srl
    ) >/dev/null 2>&1 || die "openssl could not create the certificates in $config."

    local hash
    hash=$(OPENSEARCH_JAVA_HOME=$(dirname "$(dirname "$JAVA")") \
        bash "$DIST_HOME/plugins/opensearch-security/tools/hash.sh" -p "$ADMIN_PASSWORD" 2>/dev/null |
        tail -n 1)
    [[ $hash == \$2* ]] || die "the security plugin's hash.sh returned no bcrypt hash for the admin password."
    cat >"$config/opensearch-security/internal_users.yml" <<EOF
_meta:
  type: "internalusers"
  config_version: 2
admin:
  hash: "$hash"
  reserved: true
  backend_roles:
  - "admin"
  description: "Administrator of the local node"
EOF

    # The plugin's default roles_mapping.yml maps the backend role admin to all_access. HTTP stays
    # plain because the node listens on loopback only; the transport layer must use TLS.
    cat >>"$config/opensearch.yml" <<EOF
plugins.security.ssl.transport.pemcert_filepath: node.pem
plugins.security.ssl.transport.pemkey_filepath: node-key.pem
plugins.security.ssl.transport.pemtrustedcas_filepath: root-ca.pem
plugins.security.ssl.transport.enforce_hostname_verification: false
plugins.security.ssl.http.enabled: false
plugins.security.nodes_dn: ["$NODE_DN"]
plugins.security.allow_default_init_securityindex: true
plugins.security.restapi.roles_enabled: ["all_access"]
plugins.security.audit.type: noop
EOF
}

# Prints the distribution folder the node user can read. The default cache lives under $HOME,
# which is /root (mode 700) when this script runs as root, so the node user cannot read it
# there. Then the run folder gets a hard-linked copy, which takes almost no disk space, or a
# full copy (61 MiB) when the cache is on another file system.
node_home_for() {
    local run_dir=$1
    if node_user_can -r "$DIST_HOME/lib/opensearch-$OPENSEARCH_VERSION.jar"; then
        echo "$DIST_HOME"
        return 0
    fi
    log "user $NODE_OWNER cannot read $DIST_HOME, so it is hard-linked into the run folder"
    rm -rf "${run_dir:?}/home"
    cp -al "$DIST_HOME" "$run_dir/home" 2>/dev/null || cp -a "$DIST_HOME" "$run_dir/home"
    chmod -R a+rX "$run_dir/home"
    echo "$run_dir/home"
}

prepare_run_dir() {
    local run_dir
    if [[ -n $EXPLICIT_RUN_DIR ]]; then
        run_dir=$EXPLICIT_RUN_DIR
    else
        run_dir=$RUN_BASE/run-$(date -u +%Y%m%dT%H%M%SZ)-port$PORT-$$
    fi
    [[ $run_dir != *[[:space:]#]* ]] ||
        die "run folder '$run_dir' contains a space or '#', which the JVM options cannot contain. Set LOCAL_OPENSEARCH_RUN_BASE to a simpler path."
    mkdir -p "$run_dir"/{data,logs,tmp} || die "cannot create run folder $run_dir. Set LOCAL_OPENSEARCH_RUN_BASE."
    run_dir=$(cd "$run_dir" && pwd)
    [[ -n $EXPLICIT_RUN_DIR ]] && touch "$run_dir/.keep"
    rm -f "$run_dir/logs/http.ports" "$run_dir/logs/transport.ports"
    write_config "$run_dir"
    if ((EUID == 0)); then
        chown -R "$NODE_UID:$NODE_GID" "$run_dir"
        node_user_can -w "$run_dir/data" ||
            die "user $NODE_USER cannot reach $run_dir because a parent folder is not searchable for it. Set LOCAL_OPENSEARCH_RUN_BASE to a folder it can reach, such as /tmp/opensearch-local."
    fi
    echo "$run_dir"
}

print_log_tails() {
    local run_dir=$1 file
    for file in "$run_dir/logs/console.log" "$run_dir/logs/cat-data-v21-local.log"; do
        [[ -s $file ]] || continue
        echo "--- last lines of $file" >&2
        tail -n 20 "$file" >&2
    done
}

cluster_health_responds() {
    # wait_for_status=yellow returns 408 until the node has elected itself and recovered.
    http_get "/_cluster/health?wait_for_status=yellow&timeout=1s" 3 >/dev/null 2>&1
}

cmd_start() {
    validate_settings
    validate_admin_password
    require_commands curl
    check_not_running "$(pid_file)" "$(run_link)"
    require_free_port "$PORT" "set LOCAL_OPENSEARCH_PORT to a free port"

    find_java "$MIN_JAVA_MAJOR" "OpenSearch $OPENSEARCH_VERSION"
    local node_java_home
    node_java_home=$(dirname "$(dirname "$JAVA")")
    resolve_node_user
    ensure_distribution
    ensure_geo_module
    ensure_run_base
    local run_dir node_home
    run_dir=$(prepare_run_dir)
    node_home=$(node_home_for "$run_dir")
    node_user_can -x "$node_java_home/bin/java" ||
        die "user $NODE_OWNER cannot run $node_java_home/bin/java. Set JAVA_HOME to a JDK outside private folders."

    local env_vars=(
        PATH=/usr/local/bin:/usr/bin:/bin
        HOME="$run_dir"
        LANG=C.UTF-8
        OPENSEARCH_JAVA_HOME="$node_java_home"
        OPENSEARCH_PATH_CONF="$run_dir/config"
        OPENSEARCH_TMPDIR="$run_dir/tmp"
    )
    [[ -n ${OPENSEARCH_JAVA_OPTS:-} ]] && env_vars+=(OPENSEARCH_JAVA_OPTS="$OPENSEARCH_JAVA_OPTS")

    log "starting OpenSearch $OPENSEARCH_VERSION as user $NODE_OWNER with Java $JAVA_SPEC at $node_java_home, heap $HEAP"
    log "run folder $run_dir"
    local pid started_ns
    started_ns=$(date +%s%N)
    # setsid detaches the node from the terminal, so closing it or pressing Ctrl-C there does
    # not stop the node. It also makes $! the ID of a new process group that contains every
    # process of the node. setsid, setpriv, env and bin/opensearch all exec, so $! ends up
    # being the node's JVM.
    # env -i keeps the caller's JAVA_TOOL_OPTIONS, proxies and HOME away from the node.
    setsid "${RUN_AS[@]}" env -i "${env_vars[@]}" "$node_home/bin/opensearch" \
        </dev/null >"$run_dir/logs/console.log" 2>&1 &
    pid=$!
    echo "$pid" >"$(pid_file)"
    ln -sfn "$run_dir" "$(run_link)"

    local outcome=0
    wait_for_start "$pid" 0.5 cluster_health_responds || outcome=$?
    if ((outcome != 0)); then
        rm -f "$(run_link)"
        print_log_tails "$run_dir"
        if ((outcome == 1)); then
            die "OpenSearch exited during start-up. The logs above and in $run_dir/logs say why."
        fi
        die "timed out: OpenSearch did not respond on $(base_url)/_cluster/health within $START_TIMEOUT_S s, so it was stopped. See $run_dir/logs, or raise LOCAL_OPENSEARCH_START_TIMEOUT_S."
    fi

    echo "OpenSearch $OPENSEARCH_VERSION answers at $(base_url)"
    print_started "$pid" "$(ms_since "$started_ns")"
    echo "run folder $run_dir"
}

cmd_stop() {
    validate_settings
    local run_dir=
    [[ -L $(run_link) ]] && run_dir=$(readlink "$(run_link)")
    stop_service "$(pid_file)" "$(run_link)"

    # stop_service removes the link only when the pid file names a PID. Otherwise it stopped
    # nothing, and the run folder stays as well.
    if [[ -z $run_dir || -L $(run_link) || ! -d $run_dir ]]; then
        return 0
    fi
    if [[ $KEEP_RUN == 1 || -e $run_dir/.keep ]]; then
        echo "kept run folder $run_dir"
    else
        rm -rf "$run_dir"
        echo "removed run folder $run_dir"
    fi
}

cmd_status() {
    validate_settings
    validate_admin_password
    require_commands curl
    local pid
    if ! pid=$(read_pid) || ! is_service_process "$pid"; then
        if port_in_use "$PORT"; then
            echo "no OpenSearch started by this script on port $PORT, but something listens on $HOST:$PORT"
            return 1
        fi
        echo "OpenSearch is not running on port $PORT"
        return 3
    fi
    local health
    if health=$(http_get "/_cluster/health" 5 2>/dev/null); then
        local cluster_status
        cluster_status=$(sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' <<<"$health")
        echo "OpenSearch answers at $(base_url) (pid $pid, cluster status $cluster_status, resident memory $(rss_mib "$pid") MiB)"
        return 0
    fi
    echo "OpenSearch pid $pid runs but $(base_url)/_cluster/health does not respond. It may still be starting. Logs: $(readlink "$(run_link)" 2>/dev/null)/logs"
    return 1
}

main() {
    case "${1:-}" in
        start) cmd_start ;;
        stop) cmd_stop ;;
        status) cmd_status ;;
        -h | --help | help) usage ;;
        "")
            usage >&2
            exit 2
            ;;
        *)
            log "unknown command '$1'"
            usage >&2
            exit 2
            ;;
    esac
}

main "$@"
