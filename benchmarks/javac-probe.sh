#!/usr/bin/env bash
# What the Steelmill processor costs javac, beside the floor under any source-generating processor
# (BENCHMARKS.md, "javac with the processor, sixth pass"). ROUNDS rounds (default 4), alternating:
#   handWritten  the hand-written wiring, -proc:none (the javac row's reference)
#   copy         GeneratedCopy: writes the files a Steelmill compile generated, asks javac nothing
#   steelmill    the processor of processor/target/classes, wrapped by ProcessorMeter
#   handNothing  the hand-written wiring with a processor that claims every annotation, writes nothing
#   handOneClass the same, writing one one-line class in round 1 (javac's rounds alone)
#   handIface    the hand-written wiring and the user's two interfaces, -proc:none
#   generated    the sources a Steelmill compile generated, compiled as sources, -proc:none
# CONTENDERS picks some (default: handWritten copy steelmill). PHASES=1 adds PhaseMeter, a javac
# plugin printing the main thread's CPU per javac phase and every thread's CPU (JIT, GC).
# PROBE_OUT=<dir> writes the class files into <dir>/javac-probe-classes (a tmpfs such as
# /dev/shm: on a shared disk, writing 1,017 class files adds up to a second of noise).
# Each line: contender, process CPU user and sys (s), wall (s), and for steelmill the processor
# thread's CPU and allocation. Run from the repository root of a built tree
# (./mvnw -o -q -B -Pbenchmarks package -pl benchmarks -am -DskipTests).
set -euo pipefail
. benchmarks/find-jdk.sh
out=benchmarks/target/results; mkdir -p "$out"
classpath=org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath
export MAVEN_ARGS=${MAVEN_ARGS:--o}
. benchmarks/javac.sh
probe=benchmarks/target/javac-probe; generated=$probe/generated
rm -rf "$probe"; mkdir -p "$probe/classes" "$generated"
"$javac" -d "$probe/classes" benchmarks/javac-probe/ProcessorMeter.java \
  benchmarks/javac-probe/GeneratedCopy.java benchmarks/javac-probe/OneClassWriter.java \
  benchmarks/javac-probe/PhaseMeter.java
mkdir -p "$probe/classes/META-INF/services"
echo PhaseMeter > "$probe/classes/META-INF/services/com.sun.source.util.Plugin"
phases="" none="-proc:none" # the plugin is found on the processor path, also with -proc:none
[ "${PHASES:-0}" = 1 ] && phases="-Xplugin:PhaseMeter" none="-proc:none -processorpath $probe/classes"
annotations="annotations/target/classes:$(cat "$out/javac-common.cp")"
steelmill_path="processor/target/classes:$(cat "$out/javac-steelmill-processor.cp")"
wiring="$javac_graph/Graph1000.java $javac_graph/Child1000.java"
# shellcheck disable=SC2086 # word lists
"$javac" -proc:only -s "$generated" -cp "$annotations:runtime/target/classes" \
  -processorpath "$steelmill_path" -processor io.steelmill.processor.SteelmillProcessor $javac_daemons $wiring
probe_compile() { # contender
  local classes=${PROBE_OUT:+$PROBE_OUT/javac-probe-classes} sources options
  local cp="$annotations:runtime/target/classes"
  classes=${classes:-$probe/out}
  case $1 in
    handWritten) cp=$annotations options=$none
      sources="$javac_daemons $javac_graph/HandWritten1000.java $javac_graph/HandChild1000.java" ;;
    handIface) cp=$annotations options=$none
      sources="$javac_daemons $javac_graph/HandWritten1000.java $javac_graph/HandChild1000.java $wiring" ;;
    generated) options=$none
      sources="$javac_daemons $wiring $(find "$generated" -name '*.java' | sort)" ;;
    handNothing|handOneClass) cp=$annotations
      sources="$javac_daemons $javac_graph/HandWritten1000.java $javac_graph/HandChild1000.java"
      options="-processorpath $probe/classes -processor OneClassWriter"
      [ "$1" = handOneClass ] || options="$options -AoneClassWriter.none" ;;
    copy) sources="$javac_daemons $wiring"
      options="-processorpath $probe/classes -processor GeneratedCopy -AgeneratedCopy.from=$generated" ;;
    steelmill) sources="$javac_daemons $wiring"
      options="-processorpath $probe/classes:$steelmill_path -processor ProcessorMeter" ;;
  esac
  rm -rf "$classes"; mkdir -p "$classes/generated"
  # shellcheck disable=SC2086 # word lists
  /usr/bin/time -f "%U %S %e" -o "$probe/time" "$javac" -d "$classes" -s "$classes/generated" \
    -cp "$cp" $phases $options $sources 2> "$probe/stderr"
  echo "$1 $(cat "$probe/time") $(grep '^processor:\|^phases:' "$probe/stderr" | tr '\n' ' ' || true)"
}
for r in $(seq "${ROUNDS:-4}"); do
  for c in ${CONTENDERS:-handWritten copy steelmill}; do probe_compile $c; done
done
