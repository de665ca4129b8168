#!/usr/bin/env bash
# Measures the job's throughput, simulator to Parquet, at parallelism 1 and 2 on an embedded
# Flink MiniCluster. Options: --records N (default 1000000). Results go in docs/performance.md.
set -euo pipefail
CAT_DATA_MAIN_CLASS=jp.catdata.job.Benchmark exec "$(dirname "${BASH_SOURCE[0]}")/run-local.sh" "$@"
