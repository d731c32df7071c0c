package io.steelmill.examples.replicated;

import io.steelmill.platform.Address;
import io.steelmill.platform.Clock;
import io.steelmill.platform.Deadline;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The primary's side of the replica protocol: one question sent to every replica at once, the
 * answers collected until a majority agrees, a replica reports a newer epoch, or the time is up.
 * Questions carry a request id; an answer to an earlier question (late, or duplicated by the
 * network) is skipped.
 *
 * <p>Questions: {@code promise RID EPOCH} (answer {@code RID ok PROMISED ENTRIES...}), {@code peek
 * RID} (the same, changing nothing), {@code put RID EPOCH SEQ KEY VALUE}, {@code install RID EPOCH
 * ENTRIES...} and {@code confirm RID EPOCH} (answer {@code RID ok PROMISED}); any of them with an
 * epoch older than the replica's promise gets {@code RID stale PROMISED}.
 */
final class Quorum {
  /**
   * What the replicas answered: the fields of each {@code ok} answer by host, and the newest
   * epoch a refusing replica reported (-1 when none refused).
   */
  record Answers(Map<String, String[]> ok, long newerEpoch, int majority) {
    /** Whether a majority said ok. */
    boolean agreed() {
      return ok.size() >= majority;
    }

    /** Whether a replica has promised a newer epoch: the asking primary is deposed. */
    boolean deposed() {
      return newerEpoch >= 0;
    }
  }

  private final Endpoint<String> endpoint;
  private final List<String> hosts;
  private final int majority;
  private final Clock clock;
  private long nextRequest;

  Quorum(Endpoint<String> endpoint, List<String> hosts, int majority, Clock clock) {
    this.endpoint = endpoint;
    this.hosts = hosts;
    this.majority = majority;
    this.clock = clock;
  }

  /** Sends {@code verb RID rest} to every replica; waits up to {@code timeout} for a majority. */
  Answers ask(String verb, String rest, Duration timeout) throws InterruptedException {
    long request = tell(verb, rest);
    String id = Long.toString(request);
    Deadline deadline = clock.deadlineIn(timeout);
    Map<String, String[]> ok = new TreeMap<>();
    long newer = -1;
    while (ok.size() < majority && newer < 0 && !deadline.isExpired()) {
      Optional<Envelope<String>> answer = endpoint.receive(deadline.remaining());
      if (answer.isEmpty()) {
        break;
      }
      String[] parts = answer.get().message().split(" ");
      if (parts.length < 3 || !parts[0].equals(id)) {
        continue;
      }
      if (parts[1].equals("ok")) {
        ok.put(answer.get().from().node(), parts);
      } else if (parts[1].equals("stale")) {
        newer = Wire.number(parts[2]);
      }
    }
    return new Answers(ok, newer, majority);
  }

  /** Sends {@code verb RID rest} to every replica without waiting; returns the request id. */
  long tell(String verb, String rest) {
    long request = ++nextRequest;
    for (String host : hosts) {
      endpoint.send(new Address(host, Replica.SERVICE), verb + " " + request + rest);
    }
    return request;
  }
}
