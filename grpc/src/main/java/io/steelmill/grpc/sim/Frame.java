package io.steelmill.grpc.sim;

/**
 * What crosses the simulated network for a gRPC connection: a numbered op ({@code seq > 0}) or a
 * bare acknowledgement ({@code seq == 0}), with the cumulative acknowledgement of the other
 * direction. {@code syn} marks a client's frames until the server first answered, so a server
 * that restarted can tell a new connection from one it forgot (and reset the latter), as TCP does.
 *
 * @param connection the connection's id, unique in the simulation
 * @param client the node that opened the connection
 */
record Frame(long connection, String client, boolean syn, boolean reset, long seq, long ack,
    Op op) {
  static Frame ack(long connection, String client, long ack) {
    return new Frame(connection, client, false, false, 0, ack, null);
  }

  static Frame reset(long connection, String client) {
    return new Frame(connection, client, false, true, 0, 0, null);
  }

  /**
   * A reset from the end that dropped the connection itself, saying why: its op is a cancel
   * holding that status (TCP's RST says nothing, but the simulation can tell the truth).
   */
  static Frame reset(long connection, String client, io.grpc.Status why) {
    return new Frame(connection, client, false, true, 0, 0, Op.cancel(0, why));
  }
}
