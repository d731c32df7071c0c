package io.steelmill.it.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.steelmill.runtime.Node;
import io.steelmill.runtime.NodeState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Children and grandchildren created at any moment of their parent's life, from daemons' injected
 * creators, many at once: every entry point works while the parent runs, and a creation when the
 * parent is going away is a clear error, never a hang or an exception of ours.
 */
class LateChildHostileTest {
  private static final long BOUND_SECONDS = 60; // generous: an outcome is asserted, not a time

  private static SteelmillDeep host(SteelmillDeep.Ambient ambient, String name) {
    SteelmillDeep host = ambient.node(name);
    host.inject(Deep.Log.class, new Deep.Log());
    return host;
  }

  private static SteelmillDeep_Leaf leaf(SteelmillDeep host, String mid, int number) {
    SteelmillDeep_Mid middle = host.maker().mids.create(mid);
    Deep.LeafMaker maker = middle.leafMaker();
    middle.start();
    SteelmillDeep_Leaf leaf = maker.leaves.create(mid + "-leaf" + number, new Deep.Number(number));
    leaf.work();
    leaf.start();
    return leaf;
  }

  @Test
  void aGrandchildCreatedLateReachesAHostDaemonAndAnAmbientDaemonNobodyElseAskedFor() {
    SteelmillDeep.Ambient ambient = SteelmillDeep.ambient();
    SteelmillDeep host = host(ambient, "host");
    host.maker();
    host.start();
    SteelmillDeep_Leaf leaf = leaf(host, "mid", 1);
    Deep.Work work = leaf.work();
    assertThat(work.sawPrepared).isTrue();
    assertThat(work.number.value()).isEqualTo(1);
    ambient.close();
    assertThat(leaf.state()).isEqualTo(NodeState.TERMINATED);
  }

  @Test
  void aSecondAndThirdHostCreatedLateGetTheAmbientDaemonThroughTheirGrandchildren() {
    SteelmillDeep.Ambient ambient = SteelmillDeep.ambient();
    SteelmillDeep first = host(ambient, "first");
    first.maker();
    first.start(); // the ambient starts with it, and builds Pool though nothing asked yet
    List<Deep.Work> works = new ArrayList<>();
    for (String name : List.of("second", "third")) {
      SteelmillDeep later = host(ambient, name);
      later.maker();
      later.start();
      works.add(leaf(later, name + "-mid", works.size()).work());
    }
    works.add(leaf(first, "first-mid", 9).work());
    assertThat(works).allSatisfy(w -> assertThat(w.sawPrepared).isTrue());
    assertThat(works.get(0).pool).isSameAs(works.get(1).pool).isSameAs(works.get(2).pool);
    assertThat(works.get(0).root).isNotSameAs(works.get(1).root);
    ambient.close();
  }

  @Test
  void manyChildrenCreatedAtOnceFromManyThreadsShareTheirParentsDaemons() throws Exception {
    SteelmillDeep.Ambient ambient = SteelmillDeep.ambient();
    SteelmillDeep host = host(ambient, "host");
    host.maker();
    host.start();
    int count = 200;
    List<Future<SteelmillDeep_Leaf>> leaves = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < count; i++) {
        int number = i;
        leaves.add(threads.submit(() -> leaf(host, "mid" + number, number)));
      }
    }
    Deep.Root root = null;
    for (int i = 0; i < count; i++) {
      Deep.Work work = leaves.get(i).get(BOUND_SECONDS, TimeUnit.SECONDS).work();
      assertThat(work.sawPrepared).as("leaf %d", i).isTrue();
      assertThat(work.number.value()).isEqualTo(i);
      root = root == null ? work.root : root;
      assertThat(work.root).as("leaf %d", i).isSameAs(root);
    }
    ambient.close();
    for (Future<SteelmillDeep_Leaf> leaf : leaves) {
      assertThat(leaf.get().state()).isEqualTo(NodeState.TERMINATED);
    }
  }

  @Test
  void aChildCreatedBeforeItsParentStartedWorksAndStartsAfterIt() {
    SteelmillDeep.Ambient ambient = SteelmillDeep.ambient();
    SteelmillDeep host = host(ambient, "host");
    Deep.Maker maker = host.maker();
    SteelmillDeep_Mid mid = maker.mids.create("early");
    Deep.LeafMaker leaves = mid.leafMaker();
    host.start();
    mid.start();
    SteelmillDeep_Leaf leaf = leaves.leaves.create("early-leaf", new Deep.Number(3));
    assertThat(leaf.work().root).isNotNull();
    leaf.start();
    assertThat(leaf.work().sawPrepared).isTrue();
    ambient.close();
  }

  @Test
  void aChildCreatedOnceItsParentStoppedIsAClearError() {
    SteelmillDeep.Ambient ambient = SteelmillDeep.ambient();
    SteelmillDeep host = host(ambient, "host");
    Deep.Maker maker = host.maker();
    host.start();
    host.close();
    Throwable thrown = catchThrowable(() -> {
      SteelmillDeep_Mid mid = maker.mids.create("late");
      mid.leafMaker();
      mid.start();
    });
    assertThat(thrown).as("a child of a stopped parent").isNotNull();
    assertThat(thrown).isNotInstanceOfAny(NullPointerException.class, ClassCastException.class,
        ArrayIndexOutOfBoundsException.class);
    assertThat(thrown.getMessage()).contains("host");
    ambient.close();
  }

  @Test
  void aCreatorRefusesAMissingInjectedInstanceOrName() {
    SteelmillDeep.Ambient ambient = SteelmillDeep.ambient();
    SteelmillDeep host = host(ambient, "host");
    host.maker();
    host.start();
    SteelmillDeep_Mid mid = host.maker().mids.create("mid");
    Deep.LeafMaker maker = mid.leafMaker();
    mid.start();
    Throwable noNumber = catchThrowable(() -> maker.leaves.create("leaf", null));
    assertThat(noNumber).isNotNull();
    assertThat(noNumber.getMessage()).contains("Number");
    Throwable noName = catchThrowable(() -> maker.leaves.create(null, new Deep.Number(1)));
    assertThat(noName).isNotNull();
    assertThat(noName.getMessage()).contains("name");
    ambient.close();
  }

  @Test
  void aNodeNameThatIsNoNodeIsRefused() {
    SteelmillDeep.Ambient ambient = SteelmillDeep.ambient();
    for (String name : new String[] {"", " ", "ambient"}) {
      Throwable thrown = catchThrowable(() -> ambient.node(name));
      assertThat(thrown).as("host \"%s\"", name).isInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as("host \"%s\"", name).contains("name");
    }
    SteelmillDeep host = host(ambient, "host");
    host.maker();
    host.start();
    for (String name : new String[] {"", "\t", "ambient", "a\nb", "x\u0000", "log\rforged",
        "line\u2028sep", "del\u007f", "next\u0085line"}) {
      Throwable thrown = catchThrowable(() -> host.maker().mids.create(name));
      assertThat(thrown).as("child \"%s\"", name).isInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as("child \"%s\"", name).hasLineCount(1)
          .contains("Fix:").doesNotContain("\u0000").doesNotContain("\u2028");
    }
    Node quoted = host.maker().mids.create("say \"hi\" \\ ok"); // quotes are not controls
    quoted.close();
    Node ok = host.maker().mids.create("host"); // a child may share its parent's name
    ok.close();
    ambient.close();
  }
}
