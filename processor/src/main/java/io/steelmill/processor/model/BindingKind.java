package io.steelmill.processor.model;

/** How a binding produces its instance. */
public enum BindingKind {
  /** Calls a {@code @Daemon} (or implementation) class's constructor. Memoized. */
  CONSTRUCTOR,
  /** Calls a static {@code @Provides} method. Memoized. */
  PROVIDES,
  /** An interface bound to its implementation by {@code @Production/@Simulation(Impl.class)}. */
  ALIAS,
  /** An instance handed in with {@code inject}, declared in {@code @Factory(injected = ...)}. */
  INJECTED,
  /**
   * The generated creator of a child factory ({@code SteelmillLeader.Creator}), made by the
   * parent node for a daemon that creates children. Not memoized: a creator holds only its parent.
   */
  CREATOR,
  /**
   * The simulated binding of a platform interface that the simulator supplies, standing in when
   * {@code steelmill-sim} is not on the class path: valid in a production build, which only
   * validates the simulation graph; a simulation build reports it ({@code SimulatorMissing}).
   */
  SIMULATOR
}
