package io.steelmill.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The table of a generated factory: its kinds are read when it is made (building needs nothing
 * else), the rest on first use; either way a malformed table is an error naming the line.
 */
class BindingsTest {
  /** A nested class, named {@code BindingsTest$Inner} by its own package's table. */
  static final class Inner {}

  @Test
  void readsEveryColumnAcrossPartsSkippingBlankLines() {
    Bindings table = Bindings.of("""
        daemon test.Store Store

        provided test.Paths#walPath - [0] @Named("wal") String
        """, "", "  injected test.Config Config\n");

    assertThat(table.size()).isEqualTo(3);
    assertThat(table.kind(0)).isEqualTo(Bindings.DAEMON);
    assertThat(table.kind(1)).isEqualTo(Bindings.PROVIDED);
    assertThat(table.kind(2)).isEqualTo(Bindings.INJECTED);
    assertThat(table.name(1)).isEqualTo("@Named(\"wal\") String");
    assertThat(table.method(1)).isEqualTo("test.Paths#walPath");
    assertThat(table.needs(1)).containsExactly(0);
    assertThat(table.needs(0)).isEmpty();
    assertThat(table.idOf(String.class, "test")).isEqualTo(-1);
    assertThat(table.name(2)).isEqualTo("Config");
  }

  @Test
  void namesTheClassesOfTheTablesOwnPackageWithoutIt() {
    // what a generated table of package io.steelmill.runtime.internal would hold
    Bindings table = Bindings.of("""
        daemon BindingsTest BindingsTest
        injected java.lang.String String
        daemon BindingsTest$Inner Inner
        """);
    String own = "io.steelmill.runtime.internal";

    assertThat(table.idOf(BindingsTest.class, own)).isEqualTo(0);
    assertThat(table.idOf(String.class, own)).isEqualTo(1);
    assertThat(table.idOf(Inner.class, own)).isEqualTo(2);
    assertThat(table.idOf(Bindings.class, own)).isEqualTo(-1);
    // only in that package: elsewhere a name without its package is a different class's
    assertThat(table.idOf(BindingsTest.class, "io.steelmill.runtime")).isEqualTo(-1);
    // a binary name still names its class in the class's own package (an older table)
    assertThat(Bindings.of("daemon io.steelmill.runtime.internal.BindingsTest T\n")
        .idOf(BindingsTest.class, own)).isEqualTo(0);
  }

  @Test
  void anUnknownKindFailsAtOnce() {
    assertThatThrownBy(() -> Bindings.of("daemon a.A A\ndeamon b.B B\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown binding kind: deamon");
    assertThatThrownBy(() -> Bindings.of("daemon a.A A\ndone b.B B\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown binding kind: done");
    assertThatThrownBy(() -> Bindings.of("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown binding kind: x");
  }

  @Test
  void aLineWithNoNameFailsWhenTheTableIsRead() {
    Bindings table = Bindings.of("daemon a.A\n");
    assertThat(table.size()).isEqualTo(1);
    assertThatThrownBy(() -> table.name(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("malformed binding line 0: daemon a.A");
  }

  @Test
  void readsTheIdsInBracketsOfEveryLineAtOnceAndRefusesMalformedOnes() {
    Bindings table = Bindings.of("""
        daemon a.A [3,0,2] A
        provided a.M#m - [1] @Named("x [2]") String
        """, "daemon a.C C\n", "injected a.D [3] D\n");
    assertThat(table.needs(0)).containsExactly(3, 0, 2);
    assertThat(Bindings.of("daemon a.Z Z\n".repeat(12) + "daemon a.A [11,0,10] A\n").needs(12))
        .containsExactly(11, 0, 10);
    assertThat(table.needs(1)).containsExactly(1);
    assertThat(table.needs(2)).isEmpty();
    assertThat(table.needs(3)).containsExactly(3);
    assertThat(table.name(1)).isEqualTo("@Named(\"x [2]\") String");

    for (String line : new String[] {
        "daemon a.A [1,] A", "daemon a.A [] A", "daemon a.A [1 A", "daemon a.A [x] A",
        "daemon a.A [1;2] A", "daemon a.A [1", "daemon a.A [1234567890] A"}) {
      assertThatThrownBy(() -> Bindings.of("daemon a.Z Z\n" + line + "\n"), line)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("malformed binding line 1: " + line);
    }
    assertThatThrownBy(() -> Bindings.of("daemon a.Z Z\ndaemon a.A [2] A\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("malformed binding table: a line lists id 2 of 2 lines");
  }
}
