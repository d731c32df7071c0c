#!/usr/bin/env bash
# An A/B of a runtime change on the first build of the N=1000 graph in fresh JVMs (BENCHMARKS.md,
# "Issue 12, the first build, seventh pass"): `benchmarks/cold-ab.sh <classes A> <classes B>`
# runs ColdProbe (cold-probe/ColdProbe.java) with each directory of runtime classes ahead of
# benchmarks.jar on the class path (so the generated factory is the same, and only the runtime
# differs), and the hand-written wiring beside them, ROUNDS rounds (default 20) alternated. Each
# line: label, load average, then the main thread's CPU microseconds of loading the 1,000 daemon
# classes, parsing the wiring class, linking and initializing it, creating a node, building the
# graph; then the medians of each, and B's lead over A in the sum of the last four, round by round.
# Directories A and B: a copy of runtime/target/classes of each tree (for instance A from main,
# B from the branch). Run from the repository root of a built tree. A or B may instead be a copy
# of a tree's benchmarks.jar (a name ending in .jar), which then replaces benchmarks.jar: that
# compares changes of the generated code too.
# PROBE=ColdCpu (cold-probe/ColdCpu.java) measures instead the first build as ColdStart does,
# nothing loaded before it: each line then holds its main-thread CPU and wall microseconds, and
# the summary the medians of both and B's lead over A in CPU, round by round, and the CPU ratios
# to the hand-written build of the same round (BENCHMARKS.md, "Issue 12, the first build, eighth
# pass").
set -euo pipefail
. benchmarks/find-jdk.sh
[ $# -eq 2 ] || { echo "usage: $0 <runtime classes A> <runtime classes B>" >&2; exit 1; }
jar=benchmarks/target/benchmarks.jar
work=benchmarks/target/cold-ab; mkdir -p "$work/probe"
probe=${PROBE:-ColdProbe}
"$javac" -d "$work/probe" -cp "$jar" "benchmarks/cold-probe/$probe.java"
out="$work/runs.txt"; : > "$out"
for _ in $(seq "${ROUNDS:-20}"); do
  for label in A B hand; do
    case $label in A) dir=$1 contender=steelmill ;; B) dir=$2 contender=steelmill ;;
      hand) dir=$1 contender=handWritten ;; esac
    load=$(cut -d' ' -f1 /proc/loadavg)
    case $dir in *.jar) path=$dir ;; *) path=$dir:$jar ;; esac
    echo "$label $load $("$java" -cp "$path:$work/probe" $probe $contender)" | tee -a "$out"
  done
done
if [ "$probe" = ColdCpu ]; then
  for label in A B hand; do
    for col in 4 5; do
      awk -v l=$label -v c=$col '$1 == l {print $c}' "$out" | sort -n \
        | awk '{v[NR] = $1} END {printf "%s ", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'
    done | sed "s/^/median $label (CPU us, wall us): /"
    echo
  done
  awk '$1 == "A" {a[++i] = $4} $1 == "B" {b[++j] = $4} $1 == "hand" {h[++k] = $4}
    END {n = i < j ? i : j; for (r = 1; r <= n; r++) {d = a[r] - b[r]; if (d > 0) w++
        print d, a[r] / h[r], b[r] / h[r]}
      printf "B below A in %d of %d rounds\n", w, n > "/dev/stderr"}' "$out" > "$work/paired.txt"
  for col in 1 2 3; do
    sort -n -k$col,$col "$work/paired.txt" | awk -v c=$col '{v[NR] = $c}
      END {printf "%s ", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'
  done | sed 's/^/paired medians: A - B (CPU us), A\/hand, B\/hand: /'
  echo
  exit 0
fi
for label in A B hand; do
  for col in 4 5 6 7 8; do
    awk -v l=$label -v c=$col '$1 == l {print $c}' "$out" | sort -n \
      | awk '{v[NR] = $1} END {printf "%s ", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'
  done | sed "s/^/median $label (us): /"
  echo
done
awk '$1 == "A" {a[++i] = $5 + $6 + $7 + $8} $1 == "B" {b[++j] = $5 + $6 + $7 + $8}
  END {for (k = 1; k <= i && k <= j; k++) {d = a[k] - b[k]; s += d; if (d > 0) n++}
    printf "B below A in %d of %d rounds; mean lead %.0f us\n", n, (i < j ? i : j), s / (i < j ? i : j)}' "$out"
