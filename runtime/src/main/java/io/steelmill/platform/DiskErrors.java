package io.steelmill.platform;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;

/**
 * What {@link FileDisk} says when a file operation fails: one line naming the disk's node, the
 * operation and the file, the system's reason, and what to do. A bare "No space left on device"
 * names none of them.
 */
final class DiskErrors {
  private final Path root;

  DiskErrors(Path root) {
    this.root = root;
  }

  /** A refusal to touch a failed file: already said in full, so never wrapped again. */
  static final class Refused extends IOException {
    Refused(String message, IOException first) {
      super(message, first);
    }
  }

  /** Whether {@code e} is the caller's interrupt, not a fault of the file system. */
  static boolean interrupt(IOException e) {
    return e instanceof ClosedByInterruptException || e instanceof InterruptedIOException;
  }

  /**
   * {@code e} of {@code what} on {@code node}'s {@code file}, said in one line. An interrupt is
   * passed on as it came unless {@code wrapInterrupts}: the caller's, not the disk's, and callers
   * tell it apart by its type.
   */
  IOException failure(String node, String what, String file, IOException e,
      boolean wrapInterrupts) {
    if (e instanceof Refused || (!wrapInterrupts && interrupt(e))) {
      return e;
    }
    // a plain IOException's message says it all ("No space left on device"); a subclass's often
    // is only the path (AccessDeniedException), so its name goes first
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    String cause = e.getClass() == IOException.class ? message : e.getClass().getName() + ": "
        + message;
    boolean full = cause.contains("No space left") || cause.contains("Disk quota exceeded")
        || cause.contains("File too large");
    return new IOException("FileDisk of node " + node + ": " + what + " "
        + Names.quoted(file) + " failed: " + cause + (full
            ? " (nothing past the file's former end was kept). Fix: free space on the file"
                + " system of " + root + ", or give DiskConfig a root on a larger one"
            : ". Fix: check the file system under " + root + " (permissions, links, health)"), e);
  }

  /**
   * Refuses {@code what} of {@code file}, which failed first with {@code first}: a failed sync, or
   * (a {@link Refused}) the file found deleted or replaced under the disk.
   */
  static Refused refused(String node, String what, String file, IOException first) {
    if (first instanceof Refused) { // the file was found deleted or replaced under the disk
      return new Refused("FileDisk of node " + node + ": " + what + " " + Names.quoted(file)
          + " refused: the file was deleted or replaced under the disk earlier (see the cause)."
          + " Fix: recover as after a crash: read what is left, and delete the file before"
          + " writing it anew", first);
    }
    return new Refused("FileDisk of node " + node + ": " + what + " " + Names.quoted(file)
        + " refused: an earlier sync of it failed, so what it holds on disk is unknown (the"
        + " system may have dropped the unsynced writes and would let a new sync succeed without"
        + " them). Fix: recover as after a crash: read what is left, write what must be kept to"
        + " a new file and sync that, then delete this one", first);
  }

  /** A sync whose file was deleted or replaced under the disk since its channel was opened. */
  IOException replaced(String node, String file) {
    return new IOException("FileDisk of node " + node + ": sync of " + Names.quoted(file)
        + " failed: the file was deleted or replaced under the disk (by something other than"
        + " it) since it was opened, so what was written to it since is in no file. Fix: keep"
        + " other programs out of " + root + ", then recover as after a crash: read what is"
        + " left, and delete the file before writing it anew");
  }

  /**
   * {@code what} of {@code file}, whose channel the disk had closed (to keep at most {@code
   * budget} files open, or under an interrupted caller), found its file deleted or replaced.
   */
  Refused replacedWhileClosed(String node, String what, String file, int budget) {
    return new Refused("FileDisk of node " + node + ": " + what + " " + Names.quoted(file)
        + " refused: the file was deleted or replaced under the disk (by something other than"
        + " it) while the disk had it closed (it keeps at most " + budget + " files open), so"
        + " what was written to it is no longer under that name. Fix: keep other programs out"
        + " of " + root + ", then recover as after a crash: read what is left, and delete the"
        + " file before writing it anew", null);
  }

  /** A file too large for {@code read}'s one array. */
  static IOException tooLarge(Path path, long size) {
    return new IOException(path + " is too large to read whole (" + size + " bytes)");
  }
}
