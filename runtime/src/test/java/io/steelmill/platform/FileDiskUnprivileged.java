package io.steelmill.platform;

import io.steelmill.runtime.internal.NodeContext;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Run by {@link FileDiskHostileTest} in a child JVM as an unprivileged user: tries a write under
 * a root it cannot write and a hostile node name, and prints what each did.
 */
public final class FileDiskUnprivileged {
  private FileDiskUnprivileged() {}

  public static void main(String[] args) throws IOException {
    FileDisk disk = new FileDisk(new DiskConfig(Path.of(args[0])));
    NodeContext.enter("n");
    try {
      disk.append("file", new byte[] {1});
      System.out.println("write succeeded: permissions were not enforced");
    } catch (IOException e) {
      System.out.println("write refused: " + e);
    }
    NodeContext.enter("../../tmp");
    try {
      disk.append("file", new byte[] {1});
      System.out.println("hostile name accepted");
    } catch (IllegalArgumentException e) {
      System.out.println("hostile name refused: " + e.getMessage());
    }
    disk.stop();
  }
}
