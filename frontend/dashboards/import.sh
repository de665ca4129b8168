#!/usr/bin/env bash
# Imports the cat-data saved objects (index patterns, visualizations, dashboard) into OpenSearch
# Dashboards through its saved-objects API, replacing objects of the same ids. Run with --help.
set -euo pipefail

readonly SCRIPT_NAME=${0##*/}
readonly SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Exit statuses, also listed in the help text.
readonly EXIT_IMPORT_ERRORS=1
readonly EXIT_USAGE=2
readonly EXIT_HTTP=3
readonly EXIT_AUTH=4

URL=
FILE=$SCRIPT_DIR/saved-objects.ndjson
USER_NAME=
PASSWORD_FILE=
COOKIE=
COOKIE_FILE=
SIGV4_REGION=
TENANT=
CACERT=
TIMEOUT_S=60

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME --url URL [auth option] [options]

Sends FILE to POST <URL>/api/saved_objects/_import?overwrite=true with the header
osd-xsrf: true. Objects keep their ids, so a second import replaces the same objects
and creates nothing new.

  --url URL             Base URL of OpenSearch Dashboards, without /app/..., for example
                        https://dashboards.city.example.jp/_dashboards or
                        http://127.0.0.1:5601.
  --file FILE           NDJSON file to import (default: saved-objects.ndjson next to this
                        script).
  --tenant NAME         Import into this tenant of the security plugin (header
                        securitytenant). Without it, Dashboards picks the user's default.
  --cacert FILE         CA certificate (PEM) to trust for an https URL.
  --timeout SECONDS     Maximum time of the request (default $TIMEOUT_S).

Authentication, at most one:
  --user NAME           HTTP basic auth as an internal user of the security plugin. The
                        password is read from the environment variable OSD_PASSWORD or from
                        --password-file, never from the command line.
  --password-file FILE  File whose first line is the password of --user.
  --cookie VALUE        Session cookie of a signed-in browser, such as
                        "security_authentication=Fe26.2**...". Use this for Dashboards with
                        Cognito sign-in, which accepts no basic auth.
  --cookie-file FILE    File whose first line is the cookie value.
  --aws-sigv4 REGION    Sign with AWS Signature Version 4 (service es) using
                        AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from
                        the environment. Use with the domain endpoint's /_dashboards URL
                        and an IAM role that fine-grained access control maps to a role
                        that may write saved objects.
  Without one, the request is sent without credentials, as for a local Dashboards
  without the security plugin.

Exit status: 0 when every object was imported, $EXIT_IMPORT_ERRORS when Dashboards reported
errors for some objects or imported fewer than the file has, $EXIT_USAGE for invalid
arguments, $EXIT_HTTP when the request failed or returned an unexpected status,
$EXIT_AUTH when Dashboards rejected the credentials (HTTP 401 or 403).
EOF
}

log() { echo "$SCRIPT_NAME: $*" >&2; }

die() {
    local status=$1
    shift
    log "$*"
    exit "$status"
}

usage_error() {
    log "$*"
    echo "Run $SCRIPT_NAME --help for the options." >&2
    exit "$EXIT_USAGE"
}

parse_arguments() {
    while [[ $# -gt 0 ]]; do
        case "$1" in
            -h | --help)
                usage
                exit 0
                ;;
            --url | --file | --user | --password-file | --cookie | --cookie-file | --aws-sigv4 | --tenant | --cacert | --timeout)
                [[ $# -ge 2 && -n $2 ]] || usage_error "option $1 needs a value."
                case "$1" in
                    --url) URL=$2 ;;
                    --file) FILE=$2 ;;
                    --user) USER_NAME=$2 ;;
                    --password-file) PASSWORD_FILE=$2 ;;
                    --cookie) COOKIE=$2 ;;
                    --cookie-file) COOKIE_FILE=$2 ;;
                    --aws-sigv4) SIGV4_REGION=$2 ;;
                    --tenant) TENANT=$2 ;;
                    --cacert) CACERT=$2 ;;
                    --timeout) TIMEOUT_S=$2 ;;
                esac
                shift 2
                ;;
            *) usage_error "unknown argument '$1'." ;;
        esac
    done
}

validate_arguments() {
    [[ -n $URL ]] || usage_error "--url is missing. Give the base URL of OpenSearch Dashboards."
    [[ $URL =~ ^https?://[^/]+ ]] || usage_error "--url '$URL' is not an http:// or https:// URL."
    URL=${URL%/}
    [[ -r $FILE ]] || usage_error "--file '$FILE' is not a readable file."
    [[ $TIMEOUT_S =~ ^[1-9][0-9]*$ ]] || usage_error "--timeout '$TIMEOUT_S' is not a whole number of seconds."
    [[ -z $CACERT || -r $CACERT ]] || usage_error "--cacert '$CACERT' is not a readable file."

    local methods=0
    [[ -n $USER_NAME ]] && methods=$((methods + 1))
    [[ -n $COOKIE || -n $COOKIE_FILE ]] && methods=$((methods + 1))
    [[ -n $SIGV4_REGION ]] && methods=$((methods + 1))
    ((methods <= 1)) || usage_error "give one of --user, --cookie/--cookie-file and --aws-sigv4, not several."
    [[ -z $COOKIE || -z $COOKIE_FILE ]] || usage_error "give --cookie or --cookie-file, not both."
    [[ -z $PASSWORD_FILE || -n $USER_NAME ]] || usage_error "--password-file needs --user."
    if [[ -n $SIGV4_REGION ]]; then
        [[ -n ${AWS_ACCESS_KEY_ID:-} && -n ${AWS_SECRET_ACCESS_KEY:-} ]] ||
            usage_error "--aws-sigv4 needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, for example from 'aws configure export-credentials --format env'."
    fi

    local objects
    objects=$(grep -c '[^[:space:]]' "$FILE" || true)
    ((objects > 0)) || usage_error "--file '$FILE' contains no saved objects."
    OBJECT_COUNT=$objects
}

require_commands() {
    local command
    for command in curl jq; do
        command -v "$command" >/dev/null ||
            usage_error "$command not found on PATH. Install it (Debian: apt-get install $command)."
    done
}

# Writes the curl options of the chosen authentication to the config file $1, so that no
# secret appears in the process list.
write_auth_config() {
    local config=$1
    if [[ -n $USER_NAME ]]; then
        local password=${OSD_PASSWORD:-}
        if [[ -n $PASSWORD_FILE ]]; then
            [[ -r $PASSWORD_FILE ]] || usage_error "--password-file '$PASSWORD_FILE' is not a readable file."
            IFS= read -r password <"$PASSWORD_FILE" || true
        fi
        [[ -n $password ]] || usage_error "no password for --user $USER_NAME. Set OSD_PASSWORD or give --password-file."
        curl_config_line user "$USER_NAME:$password" >>"$config"
    elif [[ -n $COOKIE || -n $COOKIE_FILE ]]; then
        local cookie=$COOKIE
        if [[ -n $COOKIE_FILE ]]; then
            [[ -r $COOKIE_FILE ]] || usage_error "--cookie-file '$COOKIE_FILE' is not a readable file."
            IFS= read -r cookie <"$COOKIE_FILE" || true
        fi
        [[ -n $cookie ]] || usage_error "the session cookie is empty."
        curl_config_line cookie "$cookie" >>"$config"
    elif [[ -n $SIGV4_REGION ]]; then
        # NOTE: curl signs the multipart body itself; this path has not been run against an
        # Amazon OpenSearch Service domain.
        curl_config_line aws-sigv4 "aws:amz:$SIGV4_REGION:es" >>"$config"
        curl_config_line user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" >>"$config"
        if [[ -n ${AWS_SESSION_TOKEN:-} ]]; then
            curl_config_line header "x-amz-security-token: $AWS_SESSION_TOKEN" >>"$config"
        fi
    fi
}

# Prints one curl config line, with the value quoted as curl's config syntax expects.
curl_config_line() {
    local value=$2
    value=${value//\\/\\\\}
    value=${value//\"/\\\"}
    printf '%s = "%s"\n' "$1" "$value"
}

main() {
    parse_arguments "$@"
    require_commands
    validate_arguments

    # Global, because the EXIT trap runs after main has returned.
    WORK_DIR=$(mktemp -d)
    trap 'rm -rf "$WORK_DIR"' EXIT
    local config=$WORK_DIR/curl.config response=$WORK_DIR/response.json
    : >"$config"
    chmod 600 "$config"
    write_auth_config "$config"

    local endpoint=$URL/api/saved_objects/_import?overwrite=true
    local curl_args=(
        --silent --show-error
        --max-time "$TIMEOUT_S"
        --config "$config"
        --output "$response"
        --write-out '%{http_code}'
        --header 'osd-xsrf: true'
        --form "file=@$FILE;type=application/ndjson"
    )
    [[ -n $TENANT ]] && curl_args+=(--header "securitytenant: $TENANT")
    [[ -n $CACERT ]] && curl_args+=(--cacert "$CACERT")

    log "importing $OBJECT_COUNT saved objects from $FILE into $URL"
    local status
    if ! status=$(curl "${curl_args[@]}" "$endpoint"); then
        die "$EXIT_HTTP" "the request to $endpoint failed (see the curl message above). Check --url and that Dashboards is reachable."
    fi

    case "$status" in
        200) ;;
        401 | 403)
            die "$EXIT_AUTH" "Dashboards rejected the credentials with HTTP $status: $(head -c 300 "$response"). Check the user and password or cookie, and that the user may write saved objects in the tenant."
            ;;
        *)
            die "$EXIT_HTTP" "POST $endpoint returned HTTP $status instead of 200: $(head -c 300 "$response")"
            ;;
    esac

    local success success_count
    if ! success=$(jq -r '.success' "$response" 2>/dev/null) ||
        ! success_count=$(jq -r '.successCount // 0' "$response" 2>/dev/null); then
        die "$EXIT_HTTP" "the response of $endpoint is not JSON: $(head -c 300 "$response")"
    fi

    if [[ $success != true ]]; then
        log "Dashboards imported $success_count of $OBJECT_COUNT objects and reported these errors:"
        jq -r '.errors[]? | "  \(.type) \(.id): \(.error.type // "error")\(if .error.references then " " + (.error.references | map("\(.type) \(.id)") | join(", ")) else "" end)"' \
            "$response" >&2
        exit "$EXIT_IMPORT_ERRORS"
    fi
    if ((success_count != OBJECT_COUNT)); then
        die "$EXIT_IMPORT_ERRORS" "Dashboards reported success but imported $success_count of $OBJECT_COUNT objects."
    fi
    echo "imported $success_count saved objects into $URL"
}

main "$@"
