/**
 * The pingpong example: every node pings random peers over the {@link
 * io.steelmill.platform.Network} with random think times and a reply timeout, while a {@link
 * io.steelmill.examples.pingpong.NetworkChaos} injects faults. The daemons see only the platform
 * interfaces, so the simulation build runs them deterministically from a seed.
 */
package io.steelmill.examples.pingpong;
