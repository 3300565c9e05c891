#!/usr/bin/env bash
# Bulk ingest of the Synthea bundles (issue 9): our packaged jar against the stock HAPI JPA starter, each on an
# empty H2 file database, one after the other (org.stemiraccds.bench.SyntheaIngest).
#   scripts/ingest-bench.sh [STARTER_WAR] [ROUNDS]
# Builds nothing: run `./mvnw -o -q -B -DskipTests package` first (target/stemirac-cds.jar, test classes).
# Bundles: target/synthea/fhir (`./mvnw antrun:run@synthea`), or BUNDLES=dir. Extra JVM options for the
# benchmark (-Dbench.port=, -Dbench.dataRoot=, -Dbench.ourJvmArgs=...) in BENCH_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
starter="${1:-}"
rounds="${2:-1}"
cp_file=target/bench.classpath
if [ ! -s "$cp_file" ] || [ pom.xml -nt "$cp_file" ]; then
	./mvnw -o -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
fi
args=(--bundles="${BUNDLES:-target/synthea/fhir}")
[ -n "$starter" ] && args+=(--starter="$starter")
# shellcheck disable=SC2086
exec java ${BENCH_OPTS:-} -Dbench.rounds="$rounds" -cp "target/test-classes:$(cat "$cp_file")" \
	org.stemiraccds.bench.SyntheaIngest "${args[@]}"
