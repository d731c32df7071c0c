# Sourced by sweep-scaling.sh and sweep-pairs.sh: finds a JDK >= 25 (simulation needs it), builds
# the simulation build of the examples with its run-time class path as Maven resolves it (the
# reactor's classes first; offline with MAVEN_ARGS=-o) and compiles SweepScaling beside it.
# Sets CP (the class path) and BENCH (where SweepScaling's classes are).
. benchmarks/find-jdk.sh
if [ "$(jdk_feature "$home")" -lt 25 ]; then
  echo "$0: simulation needs JDK 25; $home is older (set JAVA_HOME)" >&2
  exit 1
fi
./mvnw -q ${MAVEN_ARGS:-} -Psimulation -pl examples -am compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.outputFile=target/sweep-classpath.txt -Dmdep.includeScope=runtime
CP="examples/target/simulation/classes:$(cat examples/target/sweep-classpath.txt)"
BENCH=examples/target/sweep-scaling
mkdir -p "$BENCH"
"$javac" -d "$BENCH" -cp "$CP" benchmarks/sweep-scaling/SweepScaling.java
