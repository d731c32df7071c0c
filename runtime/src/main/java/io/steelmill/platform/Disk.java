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

  /**
   * Makes everything written to {@code file} so far durable (fsync). When it throws, what the file
   * holds on its device is unknown: the system may have dropped the writes it could not make
   * durable and would let a later fsync succeed without them (PostgreSQL's "fsyncgate"). The file
   * has then failed: every later {@code write}, {@code append} and {@code sync} of it throws until
   * it is deleted, and {@code read} returns what is left, for a recovery done as after a crash.
   */
  void sync(String file) throws IOException;

  /** The whole content of {@code file}; empty if it does not exist. */
  byte[] read(String file) throws IOException;

  /** The files of this node, sorted. */
  List<String> list() throws IOException;

  /** Deletes {@code file}, durably. */
  void delete(String file) throws IOException;
}
