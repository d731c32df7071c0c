/**
 * A picture of a failing run: one self-contained HTML file with an inline SVG (no script, no
 * network) showing the nodes as lanes, messages as arrows, faults as marked spans, the client's
 * operations as bars, and the part of the history that cannot be linearized.
 */
package io.steelmill.sim.picture;
