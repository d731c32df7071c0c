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

# 2. javac wall time per contender, N=1000, with that contender's processor
./mvnw -q -B -f benchmarks/javac/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$out/processors.cp"
./mvnw -q -B -pl processor -am compile dependency:build-classpath -Dmdep.outputFile="$PWD/$out/steelmill.cp" >/dev/null
processors="$(cat "$out/processors.cp"):$(cat "$out/steelmill.cp"):processor/target/classes"
graph=benchmarks/target/generated-sources/graphs/io/steelmill/benchmarks/graph/n1000
classes=$(ls "$graph"/C[0-9]*.java)
runs=$([ -n "$quick" ] && echo 1 || echo 5)
: > "$out/javac.txt"
compile() { # contender, extra sources, javac options...
  local name=$1 extra=$2; shift 2
  for _ in $(seq "$runs"); do
    rm -rf "$out/javac-classes"; mkdir -p "$out/javac-classes"
    local begin end
    begin=$(date +%s%N)
    "$javac" -d "$out/javac-classes" -cp "$jar:$(cat "$out/processors.cp")" "$@" $classes $extra
    end=$(date +%s%N)
    echo "$name $((end - begin))" >> "$out/javac.txt"
  done
}
compile handWritten "$graph/HandWritten1000.java" -proc:none
compile steelmill "$graph/Graph1000.java" -processorpath "$processors" -processor io.steelmill.processor.SteelmillProcessor
compile dagger "$graph/Graph1000Component.java $graph/Child1000Component.java $graph/K*.java $graph/ChildScope.java" -processorpath "$processors" -processor dagger.internal.codegen.ComponentProcessor
compile guice "" -proc:none
compile avaje "" -processorpath "$processors" -processor io.avaje.inject.generator.InjectProcessor

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
