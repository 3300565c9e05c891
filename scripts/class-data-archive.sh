#!/usr/bin/env bash
# The server's start-up layout: the packaged jar extracted (Spring Boot's jarmode tools; no nested jars to open)
# and an archive of the classes a start loads, which the JVM maps from one file instead of reading, parsing and
# verifying them one by one. On Java 17 to 24 that is a class data sharing (CDS) archive; on Java 25 and later
# the JDK's AOT cache (JEP 483), which also keeps the classes linked. See docs/performance.md.
#
#   scripts/class-data-archive.sh [JAR] [DIR]      defaults: target/stemirac-cds.jar target/app
#   $(cat DIR/java-options) -jar DIR/stemirac-cds.jar ...    # how the server is then started
#
# JAVA (default: java on PATH) must be the JVM that will run the server: an archive made by another JVM build
# is ignored at start (with a warning), never wrong.
set -euo pipefail
JAR=${1:-target/stemirac-cds.jar}
DIR=${2:-target/app}
JAVA=${JAVA:-java}
VERSION=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')

rm -rf "$DIR"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$DIR" > /dev/null
DIR=$(cd "$DIR" && pwd)
TRAINING_DATA=$(mktemp -d)
trap 'rm -rf "$TRAINING_DATA"' EXIT
# The training run: the whole application context is built (Hibernate, HAPI's DAOs, the validator's definitions)
# on an empty database of its own, then the JVM exits (Spring's spring.context.exit=onRefresh).
train() {
	"$JAVA" "$@" -Dspring.context.exit=onRefresh -jar "$DIR/stemirac-cds.jar" \
		--stemirac.data-dir="$TRAINING_DATA" > "$DIR/training.log" 2>&1
}

if [ "$VERSION" -ge 25 ]; then
	train -XX:AOTCacheOutput="$DIR/stemirac-cds.aot"
	echo "-XX:AOTCache=$DIR/stemirac-cds.aot" > "$DIR/java-options"
else
	train -XX:DumpLoadedClassList="$DIR/classes.lst"
	# OpenJDK 17.0.15 crashes while archiving lambda proxy classes
	# (SIGSEGV in SystemDictionaryShared::adjust_lambda_proxy_class_dictionary): those are left out.
	grep -v '^@lambda' "$DIR/classes.lst" > "$DIR/classes-archived.lst"
	"$JAVA" -Xshare:dump -XX:SharedClassListFile="$DIR/classes-archived.lst" \
		-XX:SharedArchiveFile="$DIR/stemirac-cds.jsa" -jar "$DIR/stemirac-cds.jar" > "$DIR/archive.log" 2>&1
	rm "$DIR/classes.lst" "$DIR/classes-archived.lst"
	echo "-XX:SharedArchiveFile=$DIR/stemirac-cds.jsa" > "$DIR/java-options"
fi
echo "start with: java $(cat "$DIR/java-options") -jar $DIR/stemirac-cds.jar"
