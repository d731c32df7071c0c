/**
 * The crate's hello example: {@link io.steelmill.examples.hello.Alice} and {@link
 * io.steelmill.examples.hello.Bob} each sign a {@link io.steelmill.examples.hello.GuestBook},
 * which is built only when one of them is.
 */
package io.steelmill.examples.hello;
