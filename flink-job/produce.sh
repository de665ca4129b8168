#!/usr/bin/env bash
# Publishes canonical position events to a Kinesis data stream: a Movebank CSV or JSON-lines
# file (--input) or the simulator. Run with --help to list the options. Against the local
# kinesis-mock: --endpoint http://127.0.0.1:4568 with any AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY.
set -euo pipefail
CAT_DATA_MAIN_CLASS=jp.catdata.producer.KinesisProducerCommand exec "$(dirname "${BASH_SOURCE[0]}")/run-local.sh" "$@"
