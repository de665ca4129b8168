#!/usr/bin/env bash
# Runs the cat-data-v21 job on an embedded Flink MiniCluster, building it first when the build
# is missing or older than the sources. All options go to the job; run with --help to list them.
# CAT_DATA_MAIN_CLASS selects another main class of the job jar (benchmark.sh uses it), and
# CAT_DATA_JAVA_OPTS adds JVM options, for example -Xmx8g.
set -euo pipefail

module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root_dir="$(dirname "$module_dir")"
version="0.1.0-SNAPSHOT"
jar="$module_dir/target/cat-data-flink-job-$version.jar"
runtime_classpath="$module_dir/target/local-classpath-runtime.txt"
provided_classpath="$module_dir/target/local-classpath-provided.txt"

if ! command -v java >/dev/null 2>&1; then
  echo "error: java not found on PATH; install a JDK 17 (for example openjdk-17-jdk)" >&2
  exit 2
fi

needs_build=false
if [[ ! -f "$jar" || ! -f "$runtime_classpath" || ! -f "$provided_classpath" ]]; then
  needs_build=true
elif [[ -n "$(find "$module_dir/src/main" "$module_dir/pom.xml" "$root_dir/pom.xml" -newer "$jar" -print -quit)" ]]; then
  needs_build=true
fi
if [[ "$needs_build" == true ]]; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "error: mvn not found on PATH; install Apache Maven 3.8 or later to build the job" >&2
    exit 2
  fi
  echo "Building the job (mvn package, tests skipped)..." >&2
  mvn -B -q -Dstyle.color=never -f "$root_dir/pom.xml" -pl flink-job -am package -DskipTests >&2
fi

# Flink 1.19 on Java 17 needs these modules opened; the same list is in the root pom.xml.
jvm_opens=(
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED
)

# The AWS SDK 1.x inside flink-s3-fs-hadoop otherwise prints its end-of-support notice with a
# stack trace when it first loads.
exec java -Daws.java.v1.disableDeprecationAnnouncement=true ${CAT_DATA_JAVA_OPTS:-} "${jvm_opens[@]}" \
  -Dlog4j2.configurationFile="$module_dir/conf/log4j2-local.properties" \
  -cp "$jar:$(cat "$runtime_classpath"):$(cat "$provided_classpath")" \
  "${CAT_DATA_MAIN_CLASS:-jp.catdata.job.CatDataJob}" "$@"
