package io.steelmill.testing;

/** The part of a production-mode generated factory that the harness reads: its mode. */
final class SteelmillProductionBuilt {
  public static final String MODE = "production";

  private SteelmillProductionBuilt() {}
}
