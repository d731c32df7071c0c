# Sourced by the benchmark scripts: sets java and javac to a JDK >= 21, JAVA_HOME's if it is one,
# else the newest under /usr/lib/jvm (the way ./mvnw finds its JDK); exits with one line if none.
jdk_feature() { # a JDK home -> its feature version, or 0
  local v
  v=$( (sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true) | head -n 1)
  echo "${v:-0}"
}
home="${JAVA_HOME:-}"
if [ -z "$home" ] || [ "$(jdk_feature "$home")" -lt 21 ]; then
  home="" best=0
  for j in /usr/lib/jvm/*; do
    v=$(jdk_feature "$j")
    if [ -x "$j/bin/javac" ] && [ "$v" -gt "$best" ]; then home="$j" best="$v"; fi
  done
  [ "$best" -ge 21 ] || home=""
fi
[ -n "$home" ] || { echo "$0: no JDK >= 21 found; set JAVA_HOME" >&2; exit 1; }
java="$home/bin/java" javac="$home/bin/javac"
# The JVM options that make simulations about 25% faster (README, "Simulation speed"), when this
# java accepts them (HotSpot, JDK 19 and later); empty otherwise, so no JVM is given an option it
# rejects. STEELMILL_SIM_FLAGS= (set and empty) measures without them.
sim_flags=${STEELMILL_SIM_FLAGS-"-XX:+UnlockExperimentalVMOptions -XX:-DoJVMTIVirtualThreadTransitions"}
# shellcheck disable=SC2086
[ -z "$sim_flags" ] || "$java" $sim_flags -version >/dev/null 2>&1 || sim_flags=""
