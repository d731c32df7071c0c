package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The AOT training switch: off unless asked for, and refused (the agent stays required) in a JVM
 * that records no AOT cache, as this test JVM does.
 */
class AotTrainingTest {

  @Test
  void withoutThePropertyNoTrainingRun() {
    assertThat(System.getProperty(AotTraining.PROPERTY)).isNull();
    assertThat(AotTraining.active()).isFalse();
  }

  @Test
  void thePropertyInAJvmThatRecordsNoCacheIsAOneLineMistake() {
    for (String value : new String[] {"true", "TRUE"}) {
      System.setProperty(AotTraining.PROPERTY, value);
      try {
        assertThatThrownBy(AotTraining::active)
            .isInstanceOf(SimulationException.class)
            .hasMessageContaining("records none")
            .hasMessageContaining("Fix: add -XX:AOTCacheOutput=<file>")
            .hasMessageNotContaining("\n");
      } finally {
        System.clearProperty(AotTraining.PROPERTY);
      }
    }
  }

  @Test
  void anyOtherValueIsNoTrainingRun() {
    for (String value : new String[] {"false", "", "yes", "1"}) {
      System.setProperty(AotTraining.PROPERTY, value);
      try {
        assertThat(AotTraining.active()).as(value).isFalse();
      } finally {
        System.clearProperty(AotTraining.PROPERTY);
      }
    }
  }
}
