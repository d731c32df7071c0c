#!/bin/sh
# Seeds per second of `cluster simulate` with 1 job and with 2 jobs, alternated in one run, and
# the ratio, with each run's CPU seconds (on a loaded machine the ratio is bounded by the share
# of the cores the sweep gets; equal CPU seconds mean the jobs do not slow each other). Every
# seed's hash is compared between the two (results.json), so the speed-up never comes at the
# cost of a different trace. Run from the repository root after
#   ./mvnw -q -Psimulation -pl examples -am compile
# Usage: benchmarks/sweep-scaling.sh [SEEDS] [ROUNDS]   (defaults 40 and 2)
set -eu
SEEDS=${1:-40}
ROUNDS=${2:-2}
# a JDK 25 for the simulation (as ./mvnw finds one), unless JAVA names one
JDK25=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)
JAVA=${JAVA:-${JDK25:+$JDK25/bin/}java}
# the simulation build's run-time class path, as Maven resolves it (the reactor's classes first)
./mvnw -q -Psimulation -pl examples -am compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.outputFile=target/sweep-classpath.txt -Dmdep.includeScope=runtime
CP="examples/target/simulation/classes:$(cat examples/target/sweep-classpath.txt)"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
rate() { # jobs round -> seeds/s; the process's CPU seconds go to $OUT/cpu-jobs-round
  /usr/bin/time -f "%U %S" -o "$OUT/time" "$JAVA" --add-opens java.base/java.lang=ALL-UNNAMED \
    -Djdk.attach.allowAttachSelf=true -XX:+EnableDynamicAgentLoading \
    -cp "$CP" io.steelmill.examples.Main cluster simulate --seeds "$SEEDS" --jobs "$1" \
    --report-dir "$OUT/j$1-r$2" 2>"$OUT/err" >/dev/null || true
  awk '{print $1 + $2}' "$OUT/time" > "$OUT/cpu-$1-$2"
  sed -n 's/.* \([0-9.]*\) seeds\/s$/\1/p' "$OUT/err"
}
one=0; two=0
for r in $(seq "$ROUNDS"); do
  a=$(rate 1 "$r"); b=$(rate 2 "$r")
  echo "round $r: 1 job $a seeds/s ($(cat "$OUT/cpu-1-$r") CPU s), 2 jobs $b seeds/s ($(cat "$OUT/cpu-2-$r") CPU s)"
  one=$(echo "$one + $a" | bc -l); two=$(echo "$two + $b" | bc -l)
  strip() { grep -v wallMillis "$1/results.json" | grep -o '"seed": [0-9]*, "passed": [a-z]*, "traceSha256": "[0-9a-f]*"'; }
  if ! [ "$(strip "$OUT/j1-r$r")" = "$(strip "$OUT/j2-r$r")" ]; then
    echo "hashes differ between 1 and 2 jobs in round $r" >&2; exit 1
  fi
done
echo "ratio (2 jobs / 1 job, summed over rounds): $(echo "scale=2; $two / $one" | bc -l); every seed's hash equal"
