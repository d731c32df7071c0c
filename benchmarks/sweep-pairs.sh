#!/bin/bash
# Settles whether what a second job costs a seed is the JVM's or the machine's, by repeated paired
# runs in the same minutes: three warmed JVMs stay alive (X warmed with 2 jobs; Y and Z with 1),
# and each round runs, on the same seeds, one after the other:
#   one   X with 1 job
#   two   X with 2 jobs                       (one JVM, two carriers: shares heap, GC, JIT, JDK)
#   procs Y and Z with 1 job each, together   (two JVMs: share only the machine)
#   alone Y with 1 job
# alternating the order every round (A B C D, then D C B A). Per run it prints seeds/s, CPU ms a
# seed, allocation and collections; at the end the ratios (2 jobs against 1 in X; the two JVMs
# together against Y alone) and the mean CPU ms a seed of each arrangement. If "two" costs more
# CPU a seed than "procs", one JVM's sharing is the cause; if both cost the same more than a job
# alone, the machine is (SweepScaling's first lines probe its shared caches). Every run's
# (seed, verdict, trace hash) must equal the warm-up's. Run from the repository root, idle machine:
#   MAVEN_ARGS=-o benchmarks/sweep-pairs.sh [SEEDS] [ROUNDS] [WARMUP]   (defaults 400, 4, 1500)
# SWEEP_JAVA_OPTS adds JVM options to all three JVMs. About 4 minutes with the defaults.
set -eu
SEEDS=${1:-400}
ROUNDS=${2:-4}
WARMUP=${3:-1500}
. benchmarks/sweep-setup.sh
OUT=$(mktemp -d)
pids=()
cleanup() {
  touch "$OUT/quit"
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$OUT"
}
trap cleanup EXIT
# shellcheck disable=SC2206 # a word list
JVM=(--add-opens java.base/java.lang=ALL-UNNAMED -Djdk.attach.allowAttachSelf=true
  -XX:+EnableDynamicAgentLoading $sim_flags ${SWEEP_JAVA_OPTS:-})
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JVM options added: ${SWEEP_JAVA_OPTS:-(none)}"
for spec in X:2 Y:1 Z:1; do
  "$java" "${JVM[@]}" -cp "$CP:$BENCH" SweepScaling --serve "${spec%%:*}" "$WARMUP" \
    "${spec##*:}" "$OUT" > "$OUT/${spec%%:*}.log" 2>&1 &
  pids+=($!)
done
for name in X Y Z; do
  while ! [ -e "$OUT/ready-$name" ]; do
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "a JVM ended:" >&2; cat "$OUT"/*.log >&2; exit 1; }
    done
    sleep 0.5
  done
done
echo "three JVMs warmed with $WARMUP seeds (X with 2 jobs, Y and Z with 1)"
declare -A runs=([X]=0 [Y]=0 [Z]=0)
step() { # label NAME:JOBS... ; prints a line per JVM, "label NAME seconds cpu-ms ..."
  local label=$1 spec name done_files=()
  shift
  for spec in "$@"; do
    name=${spec%%:*}
    runs[$name]=$((runs[$name] + 1))
    echo "$SEEDS ${spec##*:}" > "$OUT/go-$name-${runs[$name]}.tmp"
  done
  for spec in "$@"; do # released together
    name=${spec%%:*}
    mv "$OUT/go-$name-${runs[$name]}.tmp" "$OUT/go-$name-${runs[$name]}"
    done_files+=("$OUT/done-$name-${runs[$name]}")
  done
  for file in "${done_files[@]}"; do
    while ! [ -e "$file" ]; do
      for pid in "${pids[@]}"; do
        kill -0 "$pid" 2>/dev/null || { echo "a JVM ended:" >&2; cat "$OUT"/*.log >&2; exit 1; }
      done
      sleep 0.01
    done
    echo "$label $(basename "$file" | cut -d- -f2) $(cat "$file")" | tee -a "$OUT/all"
  done
}
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then
    step one X:1; step two X:2; step procs Y:1 Z:1; step alone Y:1
  else
    step alone Y:1; step procs Y:1 Z:1; step two X:2; step one X:1
  fi
done
strip() {
  grep -o '"seed": [0-9]*, "passed": [a-z]*, "traceSha256": "[0-9a-f]*"' "$1/results.json"
}
for name in Y Z; do # run 2 of each JVM is its first sweep of SEEDS seeds after the warm-up
  if ! [ "$(strip "$OUT/$name/run-2")" = "$(strip "$OUT/X/run-2")" ]; then
    echo "hashes differ between JVM $name and JVM X" >&2
    exit 1
  fi
done
echo "every seed's hash equal in the three JVMs (and in each, in every run: SweepScaling checks)"
awk '
  { seconds[$1] += $3; cpu[$1] += $4; count[$1]++ }
  $1 == "procs" { if ($3 > slowest[NR - ($2 == "Z")]) slowest[NR - ($2 == "Z")] = $3 }
  END {
    for (k in slowest) procs += slowest[k]
    printf "2 jobs in one JVM: %.2fx its 1 job; two JVMs of 1 job together: %.2fx one alone\n",
      seconds["one"] / seconds["two"], 2 * seconds["alone"] / procs
    printf "CPU ms a seed (mean of runs): 1 job %.2f, 2 jobs in one JVM %.2f, two JVMs %.2f," \
      " a JVM alone %.2f\n", cpu["one"] / count["one"], cpu["two"] / count["two"],
      cpu["procs"] / count["procs"], cpu["alone"] / count["alone"]
  }' "$OUT/all"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
