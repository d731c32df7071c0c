#!/usr/bin/env bash
# What the first build of the N=1000 graph spends its main thread's CPU on, Steelmill beside
# hand-written (BENCHMARKS.md, "Issue 12, the first build, ninth pass"): `benchmarks/cold-perf.sh
# [benchmarks.jar]` runs ColdWindow (cold-probe/ColdWindow.java) in fresh JVMs under `perf record`
# (the software clock, which works where hardware counters do not; JIT-compiled code named through
# -XX:+DumpPerfMapAtExit), ROUNDS rounds (default 6) of both contenders, keeps the main thread's
# samples inside the window and splits them with cold-probe/PerfSplit.java: parse, verification,
# link, the jar's inflation, class initializers, class loaders' Java code, interpreted code,
# natives, the interpreter's runtime calls (resolution, method counters), compiled code. Prints
# the mean milliseconds per category of each contender and their difference. A sample is 50 us of
# CPU; under load the figures grow with it (about 1.4 times at load 15), and a category moves by
# about a millisecond between rounds, so read the larger rows, and their difference, only.
# Run from the repository root of a built tree; needs `perf`.
set -euo pipefail
. benchmarks/find-jdk.sh
command -v perf >/dev/null || { echo "$0: needs perf" >&2; exit 1; }
jar=${1:-benchmarks/target/benchmarks.jar}
work=benchmarks/target/cold-perf; mkdir -p "$work/probe"
"$javac" -d "$work/probe" -cp "$jar" benchmarks/cold-probe/ColdWindow.java
out="$work/split.txt"; : > "$out"
seconds() { awk -v n="$1" 'BEGIN { printf "%.6f", n / 1e9 }'; }
for round in $(seq "${ROUNDS:-6}"); do
  for contender in handWritten steelmill; do
    perf record -q -g -k CLOCK_MONOTONIC -e cpu-clock -F 20000 -o "$work/run.data" -- \
      "$java" -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit \
      -cp "$jar:$work/probe" ColdWindow "$contender" > "$work/run.window" 2>/dev/null
    read -r _ begin end _ pid < "$work/run.window"
    perf script -i "$work/run.data" --time "$(seconds "$begin"),$(seconds "$end")" --comm java \
      -F ip,sym 2>/dev/null | "$java" benchmarks/cold-probe/PerfSplit.java 0.05 \
      | sed "s/^/$contender\t/" >> "$out"
    rm -f "/tmp/perf-$pid.map"
    echo "round $round $contender: load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
printf "%-48s %10s %10s %10s\n" "main thread CPU, ms per build (mean of rounds)" hand steelmill \
  difference
awk -F'\t' -v rounds="${ROUNDS:-6}" '
  { ms[$2, $1] += $3; names[$2] = 1 }
  END {
    for (n in names) {
      h = ms[n, "handWritten"] / rounds; s = ms[n, "steelmill"] / rounds
      printf "%.2f\t%-48s %10.2f %10.2f %+10.2f\n", s - h, n, h, s, s - h
    }
  }' "$out" | sort -g | cut -f2-
