package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Address} writes {@code equals} and {@code hashCode} out (for the JIT); both must stay
 * what a record generates, since hash-ordered collections of addresses keep their order by it.
 */
class AddressTest {
  /** The same components as a record that keeps the generated methods. */
  private record Twin(String node, String service) {}

  private static final List<String[]> CASES = List.of(
      new String[] {"n1", "pong"}, new String[] {"n2", "ping"}, new String[] {"", ""},
      new String[] {null, "x"}, new String[] {"a", null}, new String[] {null, null},
      new String[] {"node-17", "service/with/slash"});

  @Test
  void hashCodeIsTheGeneratedOne() {
    for (String[] c : CASES) {
      assertThat(new Address(c[0], c[1]).hashCode())
          .as(Arrays.toString(c))
          .isEqualTo(new Twin(c[0], c[1]).hashCode());
    }
  }

  @Test
  void equalsComparesBothComponents() {
    for (String[] a : CASES) {
      for (String[] b : CASES) {
        boolean same = new Twin(a[0], a[1]).equals(new Twin(b[0], b[1]));
        assertThat(new Address(a[0], a[1]).equals(new Address(b[0], b[1])))
            .as(Arrays.toString(a) + " vs " + Arrays.toString(b))
            .isEqualTo(same);
      }
    }
    Address address = new Address("n1", "pong");
    assertThat(address.equals(address)).isTrue();
    assertThat(address.equals(null)).isFalse();
    assertThat(address.equals("n1/pong")).isFalse();
    assertThat(address.equals(new Address(new String("n1"), new String("pong")))).isTrue();
  }
}
