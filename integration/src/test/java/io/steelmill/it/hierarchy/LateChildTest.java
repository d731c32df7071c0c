package io.steelmill.it.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.FactoryException;
import io.steelmill.runtime.NodeState;
import org.junit.jupiter.api.Test;

/** "If it compiles, every entry point of every child works at any time." */
class LateChildTest {

  private static SteelmillLate host(SteelmillLate.Ambient ambient, String name, Late.Log log) {
    SteelmillLate host = ambient.node(name);
    host.inject(Late.Log.class, log);
    return host;
  }

  @Test
  void childCreatedAfterStartUsesAParentDaemonNobodyRequested() {
    Late.Log log = new Late.Log();
    SteelmillLate host = host(SteelmillLate.ambient(), "host", log);
    host.front(); // nothing on the host asks for Back
    host.start();
    assertThat(host.builtDaemons()).contains("Late.Back");
    assertThat(log.events).containsExactly("prepare Back");

    SteelmillLate_Plugin plugin = SteelmillLate_Plugin.create(host, "plugin");
    plugin.inject(Late.Settings.class, new Late.Settings("p1"));
    Late.User user = plugin.user();
    plugin.start();

    assertThat(user.back).isSameAs(host.back());
    assertThat(log.events).containsExactly("prepare Back", "prepare User p1 (Back prepared)");
    plugin.close();
    host.close();
    assertThat(log.events).endsWith("stop User p1", "stop Back");
    assertThat(host.state()).isEqualTo(NodeState.TERMINATED);
  }

  @Test
  void secondHostGetsAnAmbientDaemonNoEarlierHostAskedFor() {
    SteelmillLate.Ambient ambient = SteelmillLate.ambient();
    SteelmillLate first = host(ambient, "first", new Late.Log());
    first.sharedA();
    first.start(); // starts the ambient factory

    SteelmillLate second = host(ambient, "second", new Late.Log());
    Late.SharedB shared = second.sharedB();
    second.start();

    assertThat(shared.prepared).isTrue();
    assertThat(ambient.builtDaemons()).containsExactly("Late.SharedA", "Late.SharedB");
    ambient.close();
    assertThat(second.state()).isEqualTo(NodeState.TERMINATED);
  }

  @Test
  void aDaemonOfTheParentCreatesChildrenFromItsInjectedCreator() {
    Late.Log log = new Late.Log();
    SteelmillLate host = host(SteelmillLate.ambient(), "host", log);
    Late.Spawner spawner = host.spawner();
    host.start();

    SteelmillLate_Plugin one = spawner.spawn("one");
    SteelmillLate_Plugin two = spawner.spawn("two");
    assertThat(one.user().back).isSameAs(two.user().back).isSameAs(host.back());
    assertThat(one.user().settings.name()).isEqualTo("one-settings");
    assertThat(one.parent()).contains(host);
    assertThat(spawner.host()).isEqualTo("host");
    assertThat(log.events)
        .containsExactly(
            "prepare Back",
            "prepare User one-settings (Back prepared)",
            "prepare User two-settings (Back prepared)");
    host.close(); // stops its running children first
    assertThat(one.state()).isEqualTo(NodeState.TERMINATED);
    assertThat(log.events).endsWith("stop Back");
  }

  @Test
  void aMissingInjectionAChildCouldReachFailsTheParentsStart() {
    SteelmillLate host = SteelmillLate.ambient().node("host");
    host.front();

    assertThatThrownBy(host::start)
        .isInstanceOf(FactoryException.class)
        .hasMessageContaining("Late.Log is declared in @Factory(injected = ...)")
        .hasMessageContaining("host");
    assertThat(host.state()).isEqualTo(NodeState.FAILED);
  }

  @Test
  void aChildFromTheCreatorIsSealedOnceStarted() {
    SteelmillLate host = host(SteelmillLate.ambient(), "host", new Late.Log());
    Late.Spawner spawner = host.spawner();
    host.start();
    SteelmillLate_Plugin plugin = spawner.spawn("p");
    assertThatThrownBy(() -> plugin.inject(Late.Settings.class, new Late.Settings("again")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sealed");
    host.close();
  }
}
