package io.steelmill.platform;

import io.steelmill.Production;
import io.steelmill.Simulation;
import java.io.IOException;
import java.util.List;

/**
 * The calling node's durable storage: named files, written at positions or appended, made
 * durable by {@link #sync}. What was written but not synced may be lost in a crash: the simulated
 * disk loses it at every crash, as a real disk can.
 */
@Production(FileDisk.class)
@Simulation(bySimulator = true)
public interface Disk {
  /** Writes {@code data} at {@code position} of {@code file}, creating it; not yet durable. */
  void write(String file, long position, byte[] data) throws IOException;

  /** Appends {@code data} to {@code file}, creating it; returns where it starts. Not yet durable. */
  long append(String file, byte[] data) throws IOException;

  /** Makes everything written to {@code file} so far durable (fsync). */
  void sync(String file) throws IOException;

  /** The whole content of {@code file}; empty if it does not exist. */
  byte[] read(String file) throws IOException;

  /** The files of this node, sorted. */
  List<String> list() throws IOException;

  /** Deletes {@code file}, durably. */
  void delete(String file) throws IOException;
}
