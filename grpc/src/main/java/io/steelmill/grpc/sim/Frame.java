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
}
