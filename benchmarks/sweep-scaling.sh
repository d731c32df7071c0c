#!/bin/sh
# Seeds per second of `cluster simulate` with 1 job and with 2 jobs, and their ratio (issue 13's
# target: at least 1.8x on 2 cores), measured three ways:
#  1. warmed, in one JVM (benchmarks/sweep-scaling/SweepScaling.java): a warm-up sweep, then
#     ROUNDS rounds alternating 1 and 2 jobs on the same seeds, each through the real command line;
#     with CPU time and allocation per seed, and first the machine's own ceiling (a CPU-bound loop
#     on 2 threads against 1) and what a second busy core costs a walk over 256 KB and 4 MB of
#     memory per thread (the shared cache a second seed competes for);
#  2. two warmed processes of 1 job each, started together (SweepScaling --process), against the
#     warmed 1 job: a second carrier's cost when nothing but the machine is shared;
#  3. cold, one fresh JVM per run, as a user's single command runs (the JIT's warm-up included:
#     with 1 job the compiler threads have the second core to themselves, with 2 jobs they take it
#     from the seeds, so short cold sweeps show a lower ratio);
#  4. cold, 2 jobs as worker JVMs (`--processes`) against the cold 1 job of 3.
# Every run's list of (seed, verdict, trace hash) must be the same, or the script fails.
# Run from the repository root:
#   benchmarks/sweep-scaling.sh [SEEDS] [ROUNDS] [WARMUP]   (defaults 300, 3, 600)
# Each warmed run also prints the cores this JVM, other processes and nobody used meanwhile (from
# /proc/stat): other processes take from 2 jobs, hardly from 1, so any of them biases the ratio.
# Every run has -XX:-DoJVMTIVirtualThreadTransitions (JDK 25, experimental): with any JVMTI agent
# loaded (the simulation agent is one) HotSpot otherwise does JVMTI work on every virtual-thread
# mount and unmount, a fifth of a seed's CPU.
# SWEEP_JAVA_OPTS adds JVM options to every run (e.g. "-XX:+UseParallelGC"); none by default.
# It builds the simulation classes and their class path first (offline: MAVEN_ARGS=-o).
set -eu
SEEDS=${1:-300}
ROUNDS=${2:-3}
WARMUP=${3:-600}
. benchmarks/sweep-setup.sh
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
# the JVM options a user's `java` command for the simulation build needs, and the transitions off
JVM="--add-opens java.base/java.lang=ALL-UNNAMED -Djdk.attach.allowAttachSelf=true \
  -XX:+EnableDynamicAgentLoading -XX:+UnlockExperimentalVMOptions \
  -XX:-DoJVMTIVirtualThreadTransitions ${SWEEP_JAVA_OPTS:-}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JVM options added: ${SWEEP_JAVA_OPTS:-(none)}"

echo "== warmed, one JVM: $SEEDS seeds a run, $ROUNDS rounds, $WARMUP seeds of warm-up"
# shellcheck disable=SC2086 # JVM is a word list
"$java" $JVM -cp "$CP:$BENCH" SweepScaling "$SEEDS" "$ROUNDS" "$WARMUP" "$OUT/warm"
cp "$OUT/warm/one-job-rate" "$OUT/one-job-rate"

echo "== two warmed processes of 1 job each, started together: $SEEDS seeds each"
# what a second carrier costs when the two share only the machine (no heap, JIT or JDK state)
process() { # index
  # shellcheck disable=SC2086
  "$java" $JVM -cp "$CP:$BENCH" SweepScaling --process "$1" "$SEEDS" "$WARMUP" "$OUT" \
    > "$OUT/process-$1.out" 2> "$OUT/process-$1.err"
}
process 0 &
pid0=$!
process 1 &
pid1=$!
if ! wait "$pid0" || ! wait "$pid1"; then
  echo "a process failed:" >&2
  cat "$OUT/process-0.err" "$OUT/process-1.err" >&2
  exit 1
fi
cat "$OUT/process-0.err" "$OUT/process-1.err"
awk -v one="$(cat "$OUT/one-job-rate")" -v n="$SEEDS" \
  -v a="$(cat "$OUT/process-0.out")" -v b="$(cat "$OUT/process-1.out")" 'BEGIN {
  rate = 2 * n / (a > b ? a : b)
  printf "two processes: %.2f seeds/s together, %.2fx the warmed 1 job (%.2f seeds/s)\n",
    rate, rate / one, one }'
strip_warm() {
  grep -o '"seed": [0-9]*, "passed": [a-z]*, "traceSha256": "[0-9a-f]*"' "$1/results.json"
}
for i in 0 1; do
  if ! [ "$(strip_warm "$OUT/process-$i/run-2")" = "$(strip_warm "$OUT/warm/run-2")" ]; then
    echo "hashes of process $i differ from the warmed runs'" >&2
    exit 1
  fi
done

echo "== cold, a fresh JVM per run: $SEEDS seeds"
rate() { # jobs [--processes] -> seeds/s; the CPU seconds (workers included) go to $OUT/cpu-...
  tag="$1${2:-}"
  # shellcheck disable=SC2086
  /usr/bin/time -f "%U %S" -o "$OUT/time" "$java" $JVM -cp "$CP" io.steelmill.examples.Main \
    cluster simulate --seeds "$SEEDS" --jobs "$1" ${2:-} --report-dir "$OUT/cold-$tag" \
    2>"$OUT/err" >/dev/null || true
  awk '{print $1 + $2}' "$OUT/time" > "$OUT/cpu-$tag"
  sed -n 's/.* \([0-9.]*\) seeds\/s$/\1/p' "$OUT/err"
}
a=$(rate 1)
b=$(rate 2)
if [ -z "$a" ] || [ -z "$b" ]; then
  echo "a cold run failed:" >&2
  cat "$OUT/err" >&2
  exit 1
fi
echo "1 job $a seeds/s ($(cat "$OUT/cpu-1") CPU s), 2 jobs $b seeds/s ($(cat "$OUT/cpu-2") CPU s)"
strip() {
  grep -o '"seed": [0-9]*, "passed": [a-z]*, "traceSha256": "[0-9a-f]*"' "$1/results.json"
}
if ! [ "$(strip "$OUT/cold-1")" = "$(strip "$OUT/cold-2")" ] \
  || ! [ "$(strip "$OUT/cold-1")" = "$(strip "$OUT/warm/run-2")" ]; then
  echo "hashes differ between the cold runs, or from the warmed ones" >&2
  exit 1
fi
ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')
echo "ratio cold: ${ratio}x; every seed's hash equal to the warmed runs'"

echo "== cold, 2 jobs as worker JVMs (--processes), against the cold 1 job above: $SEEDS seeds"
# each worker is a fresh JVM of its own: it pays its own start-up and JIT warm-up, and shares
# nothing with the other but the machine (the two warmed processes above are its long-run limit)
p=$(rate 2 --processes)
if [ -z "$p" ]; then
  echo "the --processes run failed:" >&2
  cat "$OUT/err" >&2
  exit 1
fi
if ! [ "$(strip "$OUT/cold-1")" = "$(strip "$OUT/cold-2--processes")" ]; then
  echo "hashes differ between the --processes run and the cold 1 job" >&2
  exit 1
fi
ratio=$(awk -v a="$a" -v p="$p" 'BEGIN { printf "%.2f", p / a }')
echo "2 worker JVMs $p seeds/s ($(cat "$OUT/cpu-2--processes") CPU s, workers included):" \
  "ratio ${ratio}x the cold 1 job; every seed's hash equal"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
