/**
 * {@code check}: Jepsen EDN history files checked for linearizability against a named model, one
 * verdict line per file.
 */
package io.steelmill.examples.check;
