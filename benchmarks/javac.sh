# Sourced by run.sh and run-targets.sh: javac of the N=1000 graph with each contender's processor.
# Every contender compiles the same daemon classes (C*.java, the child daemons K*.java and their
# ChildScope) plus its own wiring of the graph and its child (none for Guice; avaje, whose child
# graph is a module of its own, compiles the C*.java only), each against what a real build of it
# would have and nothing else: on the class path the annotations the daemons carry and the
# contender's runtime library; on the processor path its own processor. (Until 2026-11-30 every
# compile had benchmarks.jar, the processors of all contenders and the processor's test
# dependencies on its class path: Steelmill found its child factory there rather than compiling
# it, and listing the benchmark package read ~1,300 class files no real build would have.)
# Needs: $java/$javac (find-jdk.sh), $out, $classpath (the dependency plugin's build-classpath).
# Defines javac_compile <contender> <file of results>; javac_contenders lists the contenders.
javac_contenders="handWritten steelmill dagger guice avaje"
javac_graph=benchmarks/target/generated-sources/graphs/io/steelmill/benchmarks/graph/n1000
for profile in common dagger dagger-processor avaje avaje-processor; do
  ./mvnw -q -B -f benchmarks/javac/pom.xml -P"$profile" "$classpath" \
    -Dmdep.outputFile="$PWD/$out/javac-$profile.cp" >/dev/null
done
./mvnw -q -B -pl processor -am compile "$classpath" -DincludeScope=runtime \
  -Dmdep.outputFile="$PWD/$out/javac-steelmill-processor.cp" >/dev/null
javac_daemons="$(ls "$javac_graph"/C[0-9]*.java) $(ls "$javac_graph"/K[0-9]*.java) $javac_graph/ChildScope.java"
javac_compile() { # contender, file of results: appends "<contender> <wall ns>"
  local name=$1 results=$2 begin end cp sources options
  local annotations="annotations/target/classes:$(cat "$out/javac-common.cp")"
  case $name in
    handWritten)
      cp=$annotations sources="$javac_daemons $javac_graph/HandWritten1000.java $javac_graph/HandChild1000.java"
      options="-proc:none" ;;
    steelmill)
      cp="$annotations:runtime/target/classes"
      sources="$javac_daemons $javac_graph/Graph1000.java $javac_graph/Child1000.java"
      options="-processorpath processor/target/classes:$(cat "$out/javac-steelmill-processor.cp")"
      options="$options -processor io.steelmill.processor.SteelmillProcessor" ;;
    dagger)
      cp="annotations/target/classes:$(cat "$out/javac-dagger.cp")"
      sources="$javac_daemons $javac_graph/Graph1000Component.java $javac_graph/Child1000Component.java"
      options="-processorpath $(cat "$out/javac-dagger-processor.cp")"
      options="$options -processor dagger.internal.codegen.ComponentProcessor" ;;
    guice)
      cp=$annotations sources=$javac_daemons options="-proc:none" ;;
    avaje)
      cp="annotations/target/classes:$(cat "$out/javac-avaje.cp")"
      sources="$(ls "$javac_graph"/C[0-9]*.java)"
      options="-processorpath $(cat "$out/javac-avaje-processor.cp")"
      options="$options -processor io.avaje.inject.generator.InjectProcessor" ;;
  esac
  rm -rf "$out/javac-classes"; mkdir -p "$out/javac-classes"
  begin=$(date +%s%N)
  # shellcheck disable=SC2086 # the option and source lists are word lists
  "$javac" -d "$out/javac-classes" -cp "$cp" $options $sources
  end=$(date +%s%N)
  echo "$name $((end - begin))" >> "$results"
}
