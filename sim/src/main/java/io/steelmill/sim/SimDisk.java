package io.steelmill.sim;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.platform.Disk;
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
  /** The simulation this was last registered with (see {@link Simulation#faults()}). */
  private Simulation registeredIn;
  private final Map<String, Map<String, SimFile>> nodes = new TreeMap<>();
  private boolean listening;

  public SimDisk() {
    Simulation.registerIfRunning(this);
  }

  private static final class SimFile {
    byte[] durable;
    byte[] current = new byte[0];
  }

  @Override
  public void write(String file, long position, byte[] data) {
    SimFile f = file(file, true);
    int end = Math.toIntExact(position + data.length);
    if (end > f.current.length) {
      f.current = Arrays.copyOf(f.current, end);
    }
    System.arraycopy(data, 0, f.current, (int) position, data.length);
  }

  @Override
  public long append(String file, byte[] data) {
    long start = file(file, true).current.length;
    write(file, start, data);
    return start;
  }

  @Override
  public void sync(String file) {
    SimFile f = file(file, true);
    f.durable = f.current.clone();
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
    files().remove(file);
  }

  private SimFile file(String name, boolean create) {
    Map<String, SimFile> files = files();
    SimFile file = files.get(name);
    if (file == null && create) {
      file = new SimFile();
      files.put(name, file);
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
    return nodes.computeIfAbsent(sim.node(), n -> new TreeMap<>());
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
    }
    Simulation.current().trace("fault lost-unsynced-writes " + node);
  }
}
