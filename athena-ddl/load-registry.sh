#!/usr/bin/env bash
# Loads a cat registry CSV (registry layout, or Movebank reference data) into the cat_registry
# table of a local warehouse. Run with --help to list the options.
set -euo pipefail

module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CAT_DATA_MAIN_CLASS=jp.catdata.sql.RegistryLoader exec "$module_dir/run-sql.sh" "$@"
