package io.steelmill.processor;

import io.steelmill.processor.LintEvasionHostileTest.Case;
import io.steelmill.processor.diagnostics.LintRule;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A red team's lint cases (redteam12e). Missed: streams collected into unmodifiable sets and
 * maps (built as {@code Set.of} is, in an order that changes per JVM) and into hash collections
 * keyed by identity hash codes. False alarm: a local variable once assigned an unordered collection
 * was unordered everywhere, so {@code names = new TreeSet<>(names)} after {@code names = new
 * HashSet<>()} still failed a strict build (a false alarm). Now the one definition that reaches a
 * read decides when one does; every case where another definition may still reach the read (a
 * loop around it, a branch, a later unordered assignment, a field) stays flagged.
 */
class LintRedTeam12eTest {
  private static Case of(String name, LintRule rule, String... body) {
    return LintRedTeam12dTest.of(name, rule, body);
  }

  static Stream<Case> flagged() {
    LintRule rule = LintRule.UnorderedIteration;
    return Stream.of(
        of("a sorted set replaced by a hash set of threads", rule,
            "  void go() {", "    Set<Thread> s = new TreeSet<>();", "    s = new HashSet<>(s);",
            "    for (Thread t : s) {} // here", "  }"),
        of("a hash set assigned in the loop around the read", rule,
            "  void go() {", "    Set<Thread> s = new TreeSet<>();",
            "    for (int i = 0; i < 2; i++) {", "      for (Thread t : s) {} // here",
            "      s = new HashSet<>();", "    }", "  }"),
        of("a sorted copy made in one branch only", rule,
            "  void go(boolean b) {", "    Set<Thread> s = new HashSet<>();",
            "    if (b) { s = new TreeSet<>(s); }", "    for (Thread t : s) {} // here", "  }"),
        of("a sorted copy in a try block, read in its catch", rule,
            "  void go() {", "    Set<Thread> s = new HashSet<>();",
            "    try { s = new TreeSet<>(s); } catch (RuntimeException e) {",
            "      for (Thread t : s) {} // here", "    }", "  }"),
        of("a parameter replaced by a hash set", rule,
            "  void go(Set<Thread> p) {", "    p = new HashSet<>(p);",
            "    for (Thread t : p) {} // here", "  }"),
        of("an alias taken before the sorted copy", rule,
            "  void go() {", "    Set<Thread> s = new HashSet<>();", "    Set<Thread> a = s;",
            "    s = new TreeSet<>(s);", "    for (Thread t : a) {} // here", "  }"),
        of("a field sorted in one method, read in another", rule,
            "  private Set<Thread> f = new HashSet<>();",
            "  void sort() { f = new TreeSet<>(f); }", "  void go() {",
            "    for (Thread t : f) {} // here", "  }"),
        of("a sorted copy in an earlier switch case", rule,
            "  void go(int k) {", "    Set<Thread> s = new HashSet<>();",
            "    switch (k) { case 1: s = new TreeSet<>(s); break; default: }",
            "    for (Thread t : s) {} // here", "  }"),
        of("a stream collected into an unmodifiable set (Set.of's per-JVM order)", rule,
            "  void go(List<String> names) {",
            "    for (String n : names.stream()",
            "        .collect(Collectors.toUnmodifiableSet())) {} // here",
            "  }"),
        of("an unmodifiable map collected, held, its keys iterated", rule,
            "  void go(List<String> names) {",
            "    Map<String, Integer> m = names.stream().collect(Collectors.toUnmodifiableMap(",
            "        n -> n, String::length));", "    for (String n : m.keySet()) {} // here",
            "  }"),
        of("threads collected into a set", rule,
            "  void go(Stream<Thread> threads) {",
            "    threads.collect(Collectors.toSet()).forEach(t -> {}); // here", "  }"),
        of("threads grouped into a hash map", rule,
            "  void go(Stream<Thread> threads) {",
            "    for (Thread t : threads.collect(Collectors.groupingBy(t -> t))",
            "        .keySet()) {} // here",
            "  }"),
        of("a do loop assigning after the read", rule,
            "  void go() {", "    Set<Thread> s = new TreeSet<>();",
            "    do { s.stream().forEach(t -> {}); // here", "      s = new HashSet<>();",
            "    } while (s.isEmpty());", "  }"));
  }

  static Stream<Case> legal() {
    return Stream.of(
        of("a hash set of threads replaced by a sorted copy", null,
            "  void go() {", "    Set<Thread> s = new HashSet<>();",
            "    s = new TreeSet<>(Comparator.comparing(Thread::getName));",
            "    for (Thread t : s) {}", "  }"),
        of("the issue's case: names = new TreeSet<>(names)", null,
            "  void go(Collection<Object> in) {", "    Set<Object> names = new HashSet<>(in);",
            "    names = new TreeSet<>(names);", "    for (Object n : names) {}", "  }"),
        of("an alias of the sorted copy", null,
            "  void go() {", "    Set<Thread> s = new HashSet<>();",
            "    s = new LinkedHashSet<>(List.of(Thread.currentThread()));",
            "    Set<Thread> a = s;", "    for (Thread t : a) {}", "  }"),
        of("a sorted copy inside the loop, before the read", null,
            "  void go() {", "    Set<Thread> s = new HashSet<>();",
            "    for (int i = 0; i < 2; i++) {", "      s = new LinkedHashSet<>();",
            "      for (Thread t : s) {}", "      s = new HashSet<>();", "    }", "  }"),
        of("strings collected into a set (hashed by value)", null,
            "  void go(Stream<String> names) {",
            "    for (String n : names.collect(Collectors.toSet())) {}", "  }"),
        of("threads collected into a map the caller chose", null,
            "  void go(Stream<Thread> threads) {",
            "    threads.collect(Collectors.toMap(t -> t, t -> 1, (a, b) -> a,",
            "        () -> new TreeMap<>(Comparator.comparing(Thread::getName))))",
            "        .forEach((t, n) -> {});", "  }"),
        of("a view of the sorted copy, in a branch after it", null,
            "  void go(boolean b) {", "    Map<Thread, String> m = new HashMap<>();",
            "    m = new TreeMap<>(Comparator.comparing(Thread::getName));",
            "    if (b) {", "      for (Thread t : m.keySet()) {}", "    }", "  }"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flagged")
  void warnsWhereTheCodeIs(Case c) {
    new LintEvasionHostileTest().warnsWhereTheCodeIs(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("legal")
  void legalCodeCompilesInStrictSimulationMode(Case c) {
    LintRedTeam12dTest.assertCompilesInStrictSimulationMode(c);
  }
}
