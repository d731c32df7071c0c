package io.steelmill.testing;

import static io.steelmill.testing.HarnessRedTeam15bTest.failures;
import static io.steelmill.testing.HarnessRedTeam15bTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * What a rerun's test instances hold ({@link FreshInstance}), after a review of the first
 * version: it copied every annotated field of the first run's instance over the new one's (the
 * first run's {@code @TempDir} with its files, the first run's log and auto-closed resource over
 * what the initializers made, the new resource never closed), rebuilt a per-class outer around
 * a per-method nested class (losing what its {@code @BeforeAll} set), and ran a shared
 * instance's {@code @BeforeEach} twice before one {@code @AfterEach}.
 */
class FreshInstanceTest {
  /** Each rerun's directory is new and empty, and deleted after it, as JUnit deletes its own. */
  @Test
  void aTempDirTestCreatingAFixedFileNamePassesTheDeterminismCheck(@TempDir Path reports) {
    InstanceStateFixtures.CreatesAFixedFileInItsTempDirs.DIRS.clear();
    Events events = run(InstanceStateFixtures.CreatesAFixedFileInItsTempDirs.class, reports);
    assertThat(failures(events)).isEmpty();
    events.assertStatistics(stats -> stats.started(1).succeeded(1));
    var dirs = InstanceStateFixtures.CreatesAFixedFileInItsTempDirs.DIRS;
    assertThat(dirs).hasSize(6);
    assertThat(new HashSet<>(dirs)).hasSize(6);
    assertThat(dirs).noneMatch(Files::exists);
  }

  @Test
  void whatTheInitializersSetIsNeverOverwrittenAndTheRerunsResourceIsClosed(
      @TempDir Path reports) {
    InstanceStateFixtures.Resource.OPENED.set(0);
    InstanceStateFixtures.Resource.CLOSED.set(0);
    Events events = run(InstanceStateFixtures.KeepsWhatItsConstructorSet.class, reports);
    assertThat(failures(events)).isEmpty();
    events.assertStatistics(stats -> stats.started(1).succeeded(1));
    assertThat(InstanceStateFixtures.Resource.OPENED).hasValue(2);
    assertThat(InstanceStateFixtures.Resource.CLOSED).hasValue(2);
  }

  @Test
  void aPerClassOuterKeepsItsStateAroundAPerMethodNestedTest(@TempDir Path reports) {
    Events events = run(InstanceStateFixtures.SharedOuter.PerMethodInner.class, reports);
    assertThat(failures(events)).isEmpty();
    events.assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  /** Two seeds, the first run twice: three setups, three teardowns, never two setups open. */
  @Test
  void aSharedInstanceHasOneTeardownForEverySetup(@TempDir Path reports) {
    InstanceStateFixtures.SharedAndBalanced.BEFORE.set(0);
    InstanceStateFixtures.SharedAndBalanced.AFTER.set(0);
    Events events = run(InstanceStateFixtures.SharedAndBalanced.class, reports);
    assertThat(failures(events)).isEmpty();
    events.assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(InstanceStateFixtures.SharedAndBalanced.BEFORE).hasValue(3);
    assertThat(InstanceStateFixtures.SharedAndBalanced.AFTER).hasValue(3);
  }

  /**
   * The factory {@code junit.jupiter.tempdir.factory.default} names makes the reruns' directories
   * too, as it makes the first run's: the reruns got JUnit's standard factory's.
   */
  @Test
  void theConfiguredDefaultTempDirFactoryMakesTheRerunsDirectories(@TempDir Path reports) {
    TempDirFactoryFixtures.UsesTheDefaultFactory.DIRS.clear();
    Events events = EngineTestKit.engine("junit-jupiter")
        .configurationParameters(Map.of(SeedResults.REPORT_DIR_PROPERTY, reports.toString(),
            FreshJvmCheck.PROPERTY, "false", TempDir.DEFAULT_FACTORY_PROPERTY_NAME,
            TempDirFactoryFixtures.Marked.class.getName()))
        .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(
            TempDirFactoryFixtures.UsesTheDefaultFactory.class))
        .execute().testEvents();
    assertThat(failures(events)).isEmpty();
    var dirs = TempDirFactoryFixtures.UsesTheDefaultFactory.DIRS;
    assertThat(dirs).hasSizeGreaterThanOrEqualTo(4); // the first run and at least one rerun
    assertThat(dirs).allSatisfy(dir -> assertThat(dir.getFileName().toString())
        .startsWith(TempDirFactoryFixtures.Marked.PREFIX));
  }
}
