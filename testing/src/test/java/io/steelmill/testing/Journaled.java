package io.steelmill.testing;

import io.steelmill.Daemon;
import io.steelmill.Factory;
import io.steelmill.Provides;
import io.steelmill.platform.Disk;
import io.steelmill.platform.DiskConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A node with a journal on its disk. */
@Factory
public interface Journaled {
  Journal journal();

  @Provides
  static DiskConfig diskConfig() {
    return new DiskConfig(Path.of("target", "journal"));
  }

  @Daemon
  final class Journal {
    private final Disk disk;

    Journal(Disk disk) {
      this.disk = disk;
    }

    void record(String entry, boolean sync) throws IOException {
      disk.append("journal", (entry + "\n").getBytes(StandardCharsets.UTF_8));
      if (sync) {
        disk.sync("journal");
      }
    }

    String contents() throws IOException {
      return new String(disk.read("journal"), StandardCharsets.UTF_8);
    }
  }
}
