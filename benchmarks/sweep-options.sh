#!/bin/bash
# Which JVM options let 2 jobs in one JVM gain what two JVMs gain: one warmed JVM per option set
# (SweepScaling --serve, warmed with 2 jobs), all alive at once and told in turn, so every option
# set is measured in the same minutes. Each round runs, on the same seeds, every JVM with 1 job and
# then with 2 jobs, the JVMs' order and the order of the two runs reversed every round. Per run it
# prints seeds/s, CPU ms a seed (the process's, JIT and collector included), the collector's
# share, allocation and collections; at the end, per option set, the ratio (2 jobs against 1 in
# the same JVM, seconds summed over the rounds) and the mean CPU ms a seed of each. Every run's
# (seed, verdict, trace hash) must equal the first JVM's: no option may change a trace.
# Run from the repository root, on an idle machine:
#   MAVEN_ARGS=-o benchmarks/sweep-options.sh SEEDS ROUNDS WARMUP "OPTIONS" "OPTIONS"...
# where an OPTIONS of "default" adds nothing, e.g.
#   MAVEN_ARGS=-o benchmarks/sweep-options.sh 400 4 1500 default -XX:+UseParallelGC
# (one quoted word per JVM; each also gets the options a simulation needs and sweep-setup.sh's
# sim_flags). About a minute per option set for the warm-up, then 15 s a run when idle.
set -eu
SEEDS=${1:?SEEDS}
ROUNDS=${2:?ROUNDS}
WARMUP=${3:?WARMUP}
shift 3
[ $# -ge 1 ] || { echo "$0: name at least one option set (\"default\" for none)" >&2; exit 2; }
. benchmarks/sweep-setup.sh
OUT=$(mktemp -d)
pids=()
cleanup() {
  touch "$OUT/quit"
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$OUT"
}
trap cleanup EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
names=()
index=0
for options in "$@"; do
  name="J$index"
  index=$((index + 1))
  names+=("$name")
  extra=$options
  [ "$extra" = default ] && extra=""
  echo "$name: ${options}" | tee -a "$OUT/names"
  # shellcheck disable=SC2086 # word lists
  "$java" --add-opens java.base/java.lang=ALL-UNNAMED -Djdk.attach.allowAttachSelf=true \
    -XX:+EnableDynamicAgentLoading $sim_flags $extra -cp "$CP:$BENCH" \
    SweepScaling --serve "$name" "$WARMUP" 2 "$OUT" > "$OUT/$name.log" 2>&1 &
  pids+=($!)
done
alive() {
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "a JVM ended:" >&2; cat "$OUT"/*.log >&2; exit 1; }
  done
}
for name in "${names[@]}"; do
  while ! [ -e "$OUT/ready-$name" ]; do alive; sleep 0.5; done
done
echo "${#names[@]} JVMs warmed with $WARMUP seeds each (2 jobs)"
declare -A runs
for name in "${names[@]}"; do runs[$name]=0; done
run() { # NAME JOBS: one sweep, its line appended to $OUT/all as "NAME JOBS seconds cpu-ms ..."
  local name=$1 jobs=$2
  runs[$name]=$((runs[$name] + 1))
  echo "$SEEDS $jobs" > "$OUT/go-$name-${runs[$name]}.tmp"
  mv "$OUT/go-$name-${runs[$name]}.tmp" "$OUT/go-$name-${runs[$name]}"
  while ! [ -e "$OUT/done-$name-${runs[$name]}" ]; do alive; sleep 0.01; done
  echo "$name $jobs $(cat "$OUT/done-$name-${runs[$name]}")" | tee -a "$OUT/all"
}
for round in $(seq 1 "$ROUNDS"); do
  order=("${names[@]}")
  if [ $((round % 2)) = 0 ]; then
    order=()
    for ((i = ${#names[@]} - 1; i >= 0; i--)); do order+=("${names[$i]}"); done
  fi
  for name in "${order[@]}"; do
    if [ $((round % 2)) = 1 ]; then run "$name" 1; run "$name" 2; else run "$name" 2; run "$name" 1; fi
  done
done
strip() {
  grep -o '"seed": [0-9]*, "passed": [a-z]*, "traceSha256": "[0-9a-f]*"' "$1/results.json"
}
for name in "${names[@]}"; do # run 2 of each JVM is its first sweep of SEEDS seeds
  if ! [ "$(strip "$OUT/$name/run-2")" = "$(strip "$OUT/${names[0]}/run-2")" ]; then
    echo "hashes differ between JVM $name and JVM ${names[0]}" >&2
    exit 1
  fi
done
echo "every seed's hash equal in all JVMs (and in each, in every run: SweepScaling checks)"
awk '
  FNR == NR { label[$1] = $0; next } # "J0: options"
  {
    key = $1 " " $2; seconds[key] += $3; cpu[key] += $4; count[key]++
    for (i = 1; i < NF; i++) if ($i == "GC") { gc[key] += $(i + 1) } # "of which JIT x and GC y"
    seen[$1] = 1
  }
  END {
    for (n in seen) {
      one = n " 1"; two = n " 2"
      printf "%s 2 jobs %.2fx 1 job; CPU ms a seed 1 job %.2f, 2 jobs %.2f (GC %.2f, %.2f)  [%s]\n",
        n, seconds[one] / seconds[two], cpu[one] / count[one], cpu[two] / count[two],
        gc[one] / count[one], gc[two] / count[two], label[n ":"]
    }
  }' "$OUT/names" "$OUT/all" | sort
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
