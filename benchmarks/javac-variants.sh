#!/usr/bin/env bash
# What each construct of the generated factory costs a fresh javac (BENCHMARKS.md, "javac and the
# first build, construct by construct"): the benchmark graph's daemons, its two interfaces and the
# generated SteelmillGraph1000.java / SteelmillChild1000.java compiled with -proc:none, once per
# variant of SteelmillGraph1000.java (javac-probe/Variants.java: one construct removed or changed
# each), beside the hand-written wiring (hand) and the hand-written wiring with the two interfaces
# (handIface), ROUNDS rounds (default 5) alternated. VARIANTS picks some (default: all). ALONE=1
# compiles the wiring alone against the compiled daemons (benchmarks.jar): the generated
# SteelmillGraph1000.java variant and SteelmillChild1000.java, or HandWritten1000.java and
# HandChild1000.java, where a construct's share of the compile is larger. Each line: variant,
# process CPU user and sys (s), wall (s). Run from the repository root of a built tree
# (./mvnw -o -q -B -Pbenchmarks package -pl benchmarks -am -DskipTests).
set -euo pipefail
. benchmarks/find-jdk.sh
out=benchmarks/target/results; mkdir -p "$out"
classpath=org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath
export MAVEN_ARGS=${MAVEN_ARGS:--o}
. benchmarks/javac.sh
work=benchmarks/target/javac-variants; rm -rf "$work"; mkdir -p "$work"
generated=benchmarks/target/generated-sources/annotations/io/steelmill/benchmarks/graph/n1000
all="hand handIface base noMemo fieldsOnly memoPlain ifForm noDispatch oneSwitch noText noJavadoc noImplements noAccessors"
for v in ${VARIANTS:-$all}; do
  case $v in hand|handIface) ;; *) mkdir -p "$work/$v"
    "$java" benchmarks/javac-probe/Variants.java "$generated/SteelmillGraph1000.java" "$v" \
      "$work/$v/SteelmillGraph1000.java" ;;
  esac
done
annotations="annotations/target/classes:$(cat "$out/javac-common.cp")"
variant_compile() { # variant
  local classes=$work/out cp="$annotations:runtime/target/classes" sources
  local interfaces="$javac_graph/Graph1000.java $javac_graph/Child1000.java"
  local hand="$javac_graph/HandWritten1000.java $javac_graph/HandChild1000.java"
  if [ "${ALONE:-0}" = 1 ]; then
    cp=benchmarks/target/benchmarks.jar sources=$hand
    [ "$1" = hand ] || sources="$work/$1/SteelmillGraph1000.java $generated/SteelmillChild1000.java"
  else case $1 in
    hand) cp=$annotations sources="$javac_daemons $hand" ;;
    handIface) cp=$annotations sources="$javac_daemons $hand $interfaces" ;;
    *) sources="$javac_daemons $interfaces $work/$1/SteelmillGraph1000.java $generated/SteelmillChild1000.java" ;;
  esac; fi
  rm -rf "$classes"; mkdir -p "$classes"
  # shellcheck disable=SC2086 # word lists
  /usr/bin/time -f "%U %S %e" -o "$work/time" "$javac" -proc:none -d "$classes" -cp "$cp" $sources
  echo "$1 $(cat "$work/time")"
}
for r in $(seq "${ROUNDS:-5}"); do
  for v in ${VARIANTS:-$all}; do variant_compile "$v"; done
done
