#!/usr/bin/env bash
# Runs a named query of athena-ddl/queries, a .sql file or ad-hoc SQL on DuckDB over a local
# warehouse written by ./flink-job/run-local.sh, building this module first when the build is
# missing or older than the sources. Run with --help to list the options.
# CAT_DATA_MAIN_CLASS selects another main class of this module (load-registry.sh uses it).
set -euo pipefail

module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root_dir="$(dirname "$module_dir")"
version="0.1.0-SNAPSHOT"
jar="$module_dir/target/cat-data-athena-ddl-$version.jar"
runtime_classpath="$module_dir/target/local-classpath-runtime.txt"

if ! command -v java >/dev/null 2>&1; then
  echo "error: java not found on PATH; install a JDK 17 (for example openjdk-17-jdk)" >&2
  exit 2
fi

needs_build=false
if [[ ! -f "$jar" || ! -f "$runtime_classpath" ]]; then
  needs_build=true
elif [[ -n "$(find "$module_dir/src/main" "$module_dir/pom.xml" "$root_dir/pom.xml" -newer "$jar" -print -quit)" ]]; then
  needs_build=true
fi
if [[ "$needs_build" == true ]]; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "error: mvn not found on PATH; install Apache Maven 3.8 or later to build" >&2
    exit 2
  fi
  # -am builds the job too: the tests of this module run it, so Maven resolves its jar.
  echo "Building athena-ddl (mvn package, tests skipped)..." >&2
  mvn -B -q -f "$root_dir/pom.xml" -pl athena-ddl -am package -DskipTests >&2
fi

# The SQL files are read from this folder, not from the jar, so edits take effect at once.
exec java ${CAT_DATA_JAVA_OPTS:-} -Dcatdata.sql.dir="$module_dir" \
  -cp "$jar:$(cat "$runtime_classpath")" \
  "${CAT_DATA_MAIN_CLASS:-jp.catdata.sql.SqlCommand}" "$@"
