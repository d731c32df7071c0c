package io.steelmill.grpc;

import io.grpc.Channel;
import io.grpc.Deadline;
import io.steelmill.Production;
import io.steelmill.Simulation;
import io.steelmill.grpc.sim.SimGrpcChannels;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * gRPC channels from the calling node to the other nodes' {@link GrpcServers}. Daemons inject it
 * and build their stubs on {@link #channel}: in production a Netty channel over TLS (both ends
 * prove their node name with a certificate of the cluster), in simulation a transport whose calls
 * cross the simulated network, so partitions, drops, delays, duplicates, crashes and pauses act on
 * them. Channels are shared and owned by this daemon: never shut one down.
 *
 * <p>gRPC reads time through a {@link Deadline.Ticker} and schedules through a {@link
 * ScheduledExecutorService}; take both from here ({@link #deadlineAfter}, {@link #scheduler}) so
 * that deadlines run in virtual time under simulation.
 */
@Production(NettyGrpcChannels.class)
@Simulation(SimGrpcChannels.class)
public interface GrpcChannels {
  /**
   * A channel from the calling node (the node whose daemon code runs) to {@code node}'s server.
   *
   * @throws IllegalArgumentException if {@code node} is not a valid node name
   * @throws IllegalStateException if called outside any node's code
   */
  Channel channel(String node);

  /** The ticker of this mode's deadlines: the system's in production, virtual in simulation. */
  Deadline.Ticker ticker();

  /** A scheduler for {@code Context.withDeadline} and the like; virtual timers in simulation. */
  ScheduledExecutorService scheduler();

  /**
   * A deadline {@code timeout} from now, on {@link #ticker()}: use it for {@code withDeadline}. A
   * timeout that is zero or negative has passed already; one too long to count in nanoseconds
   * (about 292 years) is as far away as gRPC's deadlines go.
   *
   * @throws IllegalArgumentException if {@code timeout} is null
   */
  default Deadline deadlineAfter(Duration timeout) {
    if (timeout == null) {
      throw new IllegalArgumentException("deadlineAfter(null): give a Duration, e.g."
          + " Duration.ofSeconds(5)");
    }
    long nanos;
    try {
      nanos = timeout.toNanos();
    } catch (ArithmeticException tooLong) {
      nanos = timeout.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return Deadline.after(nanos, TimeUnit.NANOSECONDS, ticker());
  }
}
