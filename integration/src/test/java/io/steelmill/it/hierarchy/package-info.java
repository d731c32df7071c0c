/**
 * Children created while their parent runs: they find everything their parent's graph offers
 * built and prepared, and a daemon of the parent creates them through an injected creator.
 */
package io.steelmill.it.hierarchy;
