#!/usr/bin/env bash
# Runs every benchmark and rewrites the generated part of BENCHMARKS.md.
#   benchmarks/run.sh          the full suite (about 30 minutes on 2 cores)
#   benchmarks/run.sh --quick  one short iteration each: checks the suite works (about 3 minutes)
# Never part of the test command. Needs a JDK >= 21 (found like ./mvnw does).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=""
[ "${1:-}" = "--quick" ] && quick=1

. benchmarks/find-jdk.sh
out=benchmarks/target/results
mkdir -p "$out"

./mvnw -q -B -Pbenchmarks package -pl benchmarks -am -DskipTests
jar=benchmarks/target/benchmarks.jar

# 1. JMH
if [ -n "$quick" ]; then
  "$java" -jar "$jar" -wi 1 -i 1 -f 1 -w 1s -r 1s -rf json -rff "$out/jmh.json"
else
  "$java" -jar "$jar" -rf json -rff "$out/jmh.json"
fi

# 2. javac wall time per contender, N=1000, with that contender's processor (benchmarks/javac.sh)
classpath=org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath
. benchmarks/javac.sh
runs=$([ -n "$quick" ] && echo 1 || echo 5)
: > "$out/javac.txt"
for contender in $javac_contenders; do
  for _ in $(seq "$runs"); do
    javac_compile "$contender" "$out/javac.txt"
  done
done

# 3. cold starts: first build and process start to built, fresh JVMs
: > "$out/cold.txt"
for contender in handWritten steelmill dagger avaje guice; do
  for _ in $(seq $([ -n "$quick" ] && echo 2 || echo 10)); do
    echo "$contender $("$java" -cp "$jar" io.steelmill.benchmarks.ColdStart "$contender")" >> "$out/cold.txt"
  done
done

"$java" benchmarks/generator/Report.java "$out/jmh.json" "$out/javac.txt" "$out/cold.txt" BENCHMARKS.md \
  "$("$java" -version 2>&1 | head -n 1 | tr -d '"')"
echo "BENCHMARKS.md rewritten from $out"
