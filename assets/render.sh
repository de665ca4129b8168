#!/usr/bin/env bash
# Renders every PlantUML source assets/images/*.puml to the PNG beside it.
#
# PlantUML (the MIT-licensed build) is fetched from Maven Central once with
# `mvn dependency:copy` into a cache folder, by default ~/.cache/cat-data-v21/plantuml
# (set PLANTUML_CACHE to change it). The diagrams use PlantUML's own layout engine
# (`!pragma layout smetana`), so Graphviz is not needed.
#
# Commit the PNGs with their sources: DiagramsTest in flink-job fails when a PNG does
# not contain the current text of its source.
set -euo pipefail

PLANTUML_VERSION=1.2026.10
# The plugin version pinned in the root pom.xml, named here because the command below
# runs outside the build.
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

assets_dir="$(cd "$(dirname "$0")" && pwd)"
images_dir="$assets_dir/images"
cache_dir="${PLANTUML_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cat-data-v21/plantuml}"
jar="$cache_dir/plantuml-mit-$PLANTUML_VERSION.jar"

if [[ ! -f "$jar" ]]; then
    mkdir -p "$cache_dir"
    mvn -q -B "$DEPENDENCY_PLUGIN:copy" \
        -Dartifact="net.sourceforge.plantuml:plantuml-mit:$PLANTUML_VERSION" \
        -DoutputDirectory="$cache_dir"
fi

shopt -s nullglob
sources=("$images_dir"/*.puml)
if [[ ${#sources[@]} -eq 0 ]]; then
    echo "error: no .puml files in $images_dir" >&2
    exit 1
fi

# -failfast2 checks every source for syntax errors before rendering any, and a syntax
# error ends the run with a non-zero exit code instead of an error picture.
java -Djava.awt.headless=true -jar "$jar" -tpng -charset UTF-8 -failfast2 "${sources[@]}"
for source in "${sources[@]}"; do
    echo "rendered ${source%.puml}.png"
done
