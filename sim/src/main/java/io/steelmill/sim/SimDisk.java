package io.steelmill.sim;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.platform.Disk;
import io.steelmill.platform.DiskArguments;
import io.steelmill.platform.Names;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated {@link Disk}: each node's files in memory, each with its durable content (as of
 * the last {@link #sync}) and its current content. A crash of the node keeps only the durable
 * content, and forgets files that were never synced. The disk outlives node incarnations, so a
 * restarted node reads what its predecessor made durable.
 */
@Ambient
@Daemon
@io.steelmill.Simulation
public final class SimDisk implements Disk {
  /** The simulation this was last registered with (see {@link Simulation#components()}). */
  private Simulation registeredIn;
  private final Map<String, Map<String, SimFile>> nodes = new TreeMap<>();
  private boolean listening;

  public SimDisk() {
    Simulation.registerIfRunning(this);
  }

  private static final class SimFile {
    byte[] durable;
    byte[] current = new byte[0];
    /** The bytes written since the last sync: {@code [dirtyFrom, dirtyTo)}, empty if equal. */
    int dirtyFrom = Integer.MAX_VALUE;
    int dirtyTo;

    void clean() {
      dirtyFrom = Integer.MAX_VALUE;
      dirtyTo = 0;
    }
  }

  @Override
  public void write(String file, long position, byte[] data) {
    checkRange("write to", file, position, data);
    SimFile f = file(file, true);
    int end = (int) (position + data.length);
    if (end > f.current.length) {
      f.current = Arrays.copyOf(f.current, end);
    }
    System.arraycopy(data, 0, f.current, (int) position, data.length);
    f.dirtyFrom = Math.min(f.dirtyFrom, (int) position);
    f.dirtyTo = Math.max(f.dirtyTo, end);
  }

  @Override
  public long append(String file, byte[] data) {
    checkRange("append to", file, 0, data); // null data refused before the file is made
    long start = file(file, true).current.length;
    checkRange("append to", file, start, data);
    write(file, start, data);
    return start;
  }

  /**
   * What production's {@code FileDisk} refuses (null bytes, a negative position or an end a long
   * cannot hold) is refused here with the same exception ({@link DiskArguments}); and a file of
   * memory cannot pass 2 GiB.
   */
  private static void checkRange(String what, String file, long position, byte[] data) {
    DiskArguments.check("SimDisk", Simulation.current().node(), what, file, position, data);
    if (position + data.length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("SimDisk of node " + Simulation.current().node() + ": "
          + what + " " + Names.quoted(file) + " at position " + position + " (" + data.length
          + " bytes): the simulated disk keeps files in memory, of at most 2 GiB. Fix: keep"
          + " simulated files smaller (scale the scenario down)");
    }
  }

  /**
   * Makes the file durable, and hashes what became durable into the trace: the bytes written
   * since the last sync, where they lie and the new length. Files only grow or change in place,
   * so these digests in order pin the durable content down, at the cost of the bytes written.
   */
  @Override
  public void sync(String file) {
    SimFile f = file(file, true);
    f.durable = f.current.clone();
    int from = Math.min(f.dirtyFrom, f.dirtyTo);
    long digest = DataDigest.of(f.current, from, f.dirtyTo - from)
        ^ ((long) from << 40) ^ ((long) f.current.length << 8);
    f.clean();
    Simulation sim = Simulation.current();
    sim.traceData(() -> "sync " + sim.node() + ":" + file, digest);
  }

  @Override
  public byte[] read(String file) {
    SimFile f = file(file, false);
    return f == null ? new byte[0] : f.current.clone();
  }

  @Override
  public List<String> list() {
    return new ArrayList<>(files().keySet());
  }

  @Override
  public void delete(String file) {
    if (files().remove(file) != null) {
      Simulation sim = Simulation.current();
      sim.traceData(() -> "delete " + sim.node() + ":" + file, 0);
    } else {
      Names.checkFile(file);
    }
  }

  private SimFile file(String name, boolean create) {
    Map<String, SimFile> files = files();
    SimFile file = files.get(name);
    if (file == null) {
      // the names production's FileDisk accepts, no others: checked when a name is new only
      Names.checkFile(name);
      if (create) {
        file = new SimFile();
        files.put(name, file);
      }
    }
    return file;
  }

  private Map<String, SimFile> files() {
    Simulation sim = Simulation.current();
    sim.checkAlive();
    if (!listening) {
      listening = true;
      sim.onCrash(this::crashed);
    }
    registeredIn = registeredIn == sim ? sim : sim.register(this);
    Map<String, SimFile> files = nodes.get(sim.node());
    if (files == null) {
      files = new TreeMap<>();
      nodes.put(nodeOf(sim, "the disk"), files);
    }
    return files;
  }

  /**
   * The calling code's node, checked as production checks it: code of no node gets the {@code
   * IllegalStateException} production's disk and network give, and a node name they refuse the
   * same {@code IllegalArgumentException}.
   */
  static String nodeOf(Simulation sim, String what) {
    String node = sim.node();
    if (node.isEmpty()) {
      throw new IllegalStateException(what + " used outside any node's code, as production"
          + " refuses it. Fix: call it from a daemon, or start the task with sim.spawn(NodeId.of("
          + "\"n1\"), ...)");
    }
    return Names.checkNode(node);
  }

  /** What was not synced is gone; files never synced are gone. */
  private void crashed(String node) {
    Map<String, SimFile> files = nodes.get(node);
    if (files == null) {
      return;
    }
    files.values().removeIf(f -> f.durable == null);
    for (SimFile f : files.values()) {
      f.current = f.durable.clone();
      f.clean();
    }
    Simulation.current().trace("fault lost-unsynced-writes " + node);
  }
}
