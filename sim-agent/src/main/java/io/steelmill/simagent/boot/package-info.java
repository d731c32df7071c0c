/**
 * The one class the agent puts into {@code java.base} (renamed {@code
 * java.lang.SteelmillVirtualClock}): {@link io.steelmill.simagent.boot.VirtualClock}, which every
 * rewritten time read and escape hook calls. It holds the simulation kernel's hooks in static
 * fields and has no other state.
 */
package io.steelmill.simagent.boot;
