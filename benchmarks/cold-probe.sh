#!/usr/bin/env bash
# The first build of the N=1000 graph in fresh JVMs, phase by phase (BENCHMARKS.md, "javac and the
# first build, construct by construct"): ColdProbe (cold-probe/ColdProbe.java) prints the main
# thread's CPU microseconds of loading the 1,000 daemon classes, parsing the wiring class, linking
# and initializing it, creating a node (Steelmill only) and building the graph, for the hand-written
# wiring (hand) and for variants of the generated factory (javac-probe/Variants.java, the ones
# that still run), ROUNDS rounds (default 8) alternated; VARIANTS picks some. Each variant's class
# is compiled with -g, as the benchmark build does, into a directory ahead of benchmarks.jar on
# the class path (every contender, hand included, gets such a directory, so class lookups cost
# all the same).
# Each line: variant, then the five phases' CPU us. Run from the repository root of a built tree.
set -euo pipefail
. benchmarks/find-jdk.sh
jar=benchmarks/target/benchmarks.jar
work=benchmarks/target/cold-probe; rm -rf "$work"; mkdir -p "$work/probe"
generated=benchmarks/target/generated-sources/annotations/io/steelmill/benchmarks/graph/n1000
"$javac" -d "$work/probe" -cp "$jar" benchmarks/cold-probe/ColdProbe.java
all="hand base noMemo memoPlain oneSwitch noImplements"
for v in ${VARIANTS:-$all}; do
  mkdir -p "$work/$v"
  [ "$v" = hand ] && continue
  "$java" benchmarks/javac-probe/Variants.java "$generated/SteelmillGraph1000.java" "$v" "$work/$v.java"
  mkdir -p "$work/src/$v"; cp "$work/$v.java" "$work/src/$v/SteelmillGraph1000.java"
  "$javac" -g -proc:none -d "$work/$v" -cp "$jar" "$work/src/$v/SteelmillGraph1000.java"
done
for r in $(seq "${ROUNDS:-8}"); do
  for v in ${VARIANTS:-$all}; do
    contender=steelmill; [ "$v" = hand ] && contender=handWritten
    echo "$v $("$java" -cp "$work/$v:$jar:$work/probe" ColdProbe $contender)"
  done
done
