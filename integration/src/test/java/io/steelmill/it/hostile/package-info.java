/**
 * A hostile battery against the lifecycle: daemons that throw, throw errors, hang (with and
 * without honouring interrupts), stop or close their node from inside, or are interrupted, in
 * every phase and position, under seeded generators.
 */
package io.steelmill.it.hostile;
