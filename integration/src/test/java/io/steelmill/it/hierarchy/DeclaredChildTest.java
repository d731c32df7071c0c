package io.steelmill.it.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.steelmill.runtime.NodeState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Children and grandchildren created after their host started use what the host only declares
 * (a module's provides, an injected type, an {@code @Ambient} daemon): built and prepared before
 * the host sealed, one instance for all of them; once the host stopped, a new child is a clear
 * error naming it.
 */
class DeclaredChildTest {
  private static final long BOUND_SECONDS = 60; // generous: an outcome is asserted, not a time

  private static SteelmillDeclared host(SteelmillDeclared.Ambient ambient, String name,
      Declared.Log log) {
    SteelmillDeclared host = ambient.node(name);
    host.inject(Declared.Log.class, log);
    host.spawner();
    host.start();
    return host;
  }

  @Test
  void leasesCreatedAfterStartShareWhatTheHostOnlyDeclares() {
    Declared.Log log = new Declared.Log();
    SteelmillDeclared.Ambient ambient = SteelmillDeclared.ambient();
    SteelmillDeclared host = host(ambient, "host", log);
    assertThat(log.events).containsExactly("provide Config", "prepare Resolver");

    SteelmillDeclared_Lease first = host.spawner().lease("first", 1);
    SteelmillDeclared_Lease second = host.spawner().lease("second", 2);
    Declared.Worker worker = first.worker();
    assertThat(worker.url.text()).startsWith("c@");
    assertThat(worker.sawPrepared).isTrue();
    assertThat(second.worker().url).isSameAs(worker.url);
    assertThat(second.worker().pool).isSameAs(worker.pool);
    assertThat(second.worker().shard.id()).isEqualTo(2);
    assertThat(log.events).containsOnlyOnce("provide Config");
    ambient.close();
    assertThat(first.state()).isEqualTo(NodeState.TERMINATED);
    assertThat(log.events).endsWith("stop Resolver");
  }

  @Test
  void aGrandchildCreatedLateUsesTheHostsDeclaredBindingsAndItsParentsInjectedOne() {
    Declared.Log log = new Declared.Log();
    SteelmillDeclared.Ambient ambient = SteelmillDeclared.ambient();
    SteelmillDeclared host = host(ambient, "host", log);
    SteelmillDeclared_Lease lease = host.spawner().lease("lease", 7);
    SteelmillDeclared_Task task = SteelmillDeclared_Task.create(lease, "task");
    Declared.Helper helper = task.helper();
    task.start();
    assertThat(helper.shard.id()).isEqualTo(7);
    assertThat(helper.log).isSameAs(log);
    assertThat(helper.resolver.prepared).isTrue();
    assertThat(helper.pool).isSameAs(lease.worker().pool);
    assertThat(helper.config.value()).isEqualTo("c");
    ambient.close();
    assertThat(task.state()).isEqualTo(NodeState.TERMINATED);
  }

  @Test
  void aSecondHostCreatedLaterSharesTheAmbientDaemonButHasItsOwnDeclaredBindings() {
    SteelmillDeclared.Ambient ambient = SteelmillDeclared.ambient();
    SteelmillDeclared first = host(ambient, "first", new Declared.Log());
    Declared.Worker a = first.spawner().lease("a", 1).worker();
    SteelmillDeclared second = host(ambient, "second", new Declared.Log());
    Declared.Worker b = second.spawner().lease("b", 2).worker();
    assertThat(b.pool).isSameAs(a.pool);
    assertThat(b.sawPrepared).isTrue();
    assertThat(b.url).isNotSameAs(a.url); // a per-node provides: each host its own
    ambient.close();
  }

  @Test
  void manyLeasesCreatedAtOnceShareOneInstance() throws Exception {
    SteelmillDeclared.Ambient ambient = SteelmillDeclared.ambient();
    SteelmillDeclared host = host(ambient, "host", new Declared.Log());
    Declared.Spawner spawner = host.spawner();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Declared.Worker>> workers = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        int shard = i;
        workers.add(threads.submit(() -> spawner.lease("lease-" + shard, shard).worker()));
      }
      Declared.Url url = host.spawner().lease("reference", -1).worker().url;
      for (Future<Declared.Worker> worker : workers) {
        assertThat(worker.get(BOUND_SECONDS, TimeUnit.SECONDS).url).isSameAs(url);
      }
    } finally {
      threads.shutdown();
      assertThat(threads.awaitTermination(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
    }
    ambient.close();
  }

  @Test
  void aLeaseCreatedAfterTheHostStoppedIsAClearErrorNamingIt() {
    SteelmillDeclared.Ambient ambient = SteelmillDeclared.ambient();
    SteelmillDeclared host = host(ambient, "host", new Declared.Log());
    Declared.Spawner spawner = host.spawner();
    host.close();
    Throwable thrown = catchThrowable(() -> spawner.lease("late", 1).worker().url.text());
    assertThat(thrown).as("a lease of a stopped host").isNotNull();
    assertThat(thrown).isNotInstanceOfAny(NullPointerException.class, ClassCastException.class,
        ArrayIndexOutOfBoundsException.class);
    assertThat(thrown.getMessage()).contains("host");
    ambient.close();
  }

  @Test
  void aHostMissingAnInjectedTypeOnlyItsChildrenNeedFailsToStartNamingIt() {
    SteelmillDeclared.Ambient ambient = SteelmillDeclared.ambient();
    SteelmillDeclared host = ambient.node("bare");
    host.spawner();
    Throwable thrown = catchThrowable(host::start);
    assertThat(thrown).isNotNull();
    assertThat(thrown.getMessage()).contains("Log");
    ambient.close();
  }
}
