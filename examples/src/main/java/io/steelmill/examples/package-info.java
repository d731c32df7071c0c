/**
 * The command-line entry of the examples ({@link io.steelmill.examples.Main}); each example lives
 * in a subpackage.
 */
package io.steelmill.examples;
