package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report directory's lock: a writer that never lets go (a hung test JVM, or another thread
 * of this one) holds the next one up for a bounded time only, and a free lock is taken at once.
 */
class ReportLockTest {
  @Test
  void aLockHeldElsewhereIsWaitedForABoundedTimeThenTakenOnceFree(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("results.lock");
    try (FileChannel holder = FileChannel.open(file, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
        FileChannel waiter = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock held = holder.lock();
      assertThat(SeedResults.lock(waiter, Duration.ofMillis(200)))
          .as("a lock that stays held").isNull();
      held.release();
      FileLock taken = SeedResults.lock(waiter, Duration.ofMillis(200));
      assertThat(taken).isNotNull();
      assertThat(taken.isValid()).isTrue();
      taken.release();
    }
  }
}
