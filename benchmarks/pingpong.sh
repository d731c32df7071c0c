#!/bin/sh
# pingpong seed 42 (5 nodes, 30 virtual minutes), the two figures of its targets: cold on 2 cores
# (a fresh JVM per run, plain java) and warmed on one core (taskset, 2 unmeasured runs first),
# each with the process's CPU seconds. Every run must print the same delivered count and trace
# hash. Run from the repository root; it builds the simulation classes and their class path first.
# Every run has the fast virtual-thread switches (find-jdk.sh's sim_flags) when the JDK knows them,
# and a larger HotSpot inlining budget for already-compiled methods (STEELMILL_JIT_FLAGS; set and
# empty measures without it; BENCHMARKS.md, "The JIT's inlining budget"). At the end it prints the
# JDK's own cost of a virtual-thread switch on the same core (SwitchFloor), the floor under a message.
# Every run uses the Serial collector (STEELMILL_GC_FLAGS; set and empty leaves the JVM's choice):
# the warmed runs had it already (a JVM that sees one processor picks it), the cold runs on 2 cores
# got G1, whose barriers cost a simulation's one carrier thread more (BENCHMARKS.md, sixth pass).
# STEELMILL_AOT=1 adds, after each cold run, a cold run with JDK 25's AOT cache (README, "Simulation
# speed"): once, before the runs, the class folders are put in jars (the cache takes no folders)
# and one training run of the same seed writes the cache (-XX:AOTCacheOutput, without the
# simulation agent: -Dsteelmill.aotTraining=true); each such run is a fresh JVM, but with a cache.
# Usage: benchmarks/pingpong.sh [RUNS] [CORE]   (defaults 3 and 1)
set -eu
RUNS=${1:-3}
CORE=${2:-1}
. benchmarks/find-jdk.sh
./mvnw -q -Psimulation -pl examples -am compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.outputFile=target/pingpong-classpath.txt -Dmdep.includeScope=runtime
# cold runs start through CarrierCpu, which also prints the carrier thread's CPU seconds: under
# load the figure to compare, where the wall-clock rate measures the neighbours
"$javac" -d target/carrier-cpu benchmarks/pingpong/CarrierCpu.java
CP="target/carrier-cpu:examples/target/simulation/classes:$(cat examples/target/pingpong-classpath.txt)"
aot=${STEELMILL_AOT:-}
jit_flags=${STEELMILL_JIT_FLAGS-"-XX:InlineSmallCode=6000"}
# shellcheck disable=SC2086
[ -z "$jit_flags" ] || "$java" $jit_flags -version >/dev/null 2>&1 || jit_flags="" # not HotSpot
gc_flags=${STEELMILL_GC_FLAGS-"-XX:+UseSerialGC"}
# shellcheck disable=SC2086
[ -z "$gc_flags" ] || "$java" $gc_flags -version >/dev/null 2>&1 || gc_flags=""
echo "JVM options: $sim_flags $jit_flags $gc_flags"
run() { # label, then the command's prefix; prints the figures and the CPU seconds
  label=$1
  shift
  echo "$label"
  "$@" "$java" --add-opens java.base/java.lang=ALL-UNNAMED -Djdk.attach.allowAttachSelf=true \
    -XX:+EnableDynamicAgentLoading $sim_flags $jit_flags $gc_flags $FLAGS -cp "$CP" $MAIN \
    pingpong --nodes 5 --virtual 30m --seed 42 $ARGS 2>&1 \
    | grep -E '^(delivered|messages/s|compression|trace sha256)|CPU s|AOTCache creation is complete' \
    | sed 's/^/  /'
}
if [ -n "$aot" ]; then # the class path in jars, then the training run that writes the cache
  dir=target/pingpong-aot
  rm -rf "$dir" && mkdir -p "$dir"
  jars="" i=0
  for entry in $(echo "$CP" | tr ':' ' '); do
    if [ -d "$entry" ]; then
      i=$((i + 1))
      "$(dirname "$javac")/jar" cf "$dir/$i.jar" -C "$entry" .
      entry="$dir/$i.jar"
    fi
    jars="$jars${jars:+:}$entry"
  done
  CP=$jars
  FLAGS="-Dsteelmill.aotTraining=true -XX:AOTCacheOutput=$dir/pingpong.aot" ARGS="" MAIN=CarrierCpu
  run "AOT training run (writes $dir/pingpong.aot; no result)" /usr/bin/time -f "%U user + %S sys CPU s"
fi
for r in $(seq "$RUNS"); do
  FLAGS="" ARGS="" MAIN=CarrierCpu
  run "cold, 2 cores, run $r" /usr/bin/time -f "%U user + %S sys CPU s"
  if [ -n "$aot" ]; then
    FLAGS="-XX:AOTCache=$dir/pingpong.aot"
    run "cold, 2 cores, with the AOT cache of the training run, run $r" \
      /usr/bin/time -f "%U user + %S sys CPU s"
  fi
  FLAGS="-XX:ActiveProcessorCount=1" ARGS="--warmup 2" MAIN=io.steelmill.examples.Main
  run "warmed (2 runs first), core $CORE alone, run $r" \
    /usr/bin/time -f "%U user + %S sys CPU s (3 runs)" taskset -c "$CORE"
done
echo "virtual-thread switch floor, core $CORE alone (rounds 6-8 of 8)"
"$javac" -d target/switch-floor benchmarks/pingpong/SwitchFloor.java
# shellcheck disable=SC2086
taskset -c "$CORE" "$java" -XX:ActiveProcessorCount=1 --add-opens java.base/java.lang=ALL-UNNAMED \
  $sim_flags -cp target/switch-floor SwitchFloor | tail -n 3 | sed 's/^/  /'
