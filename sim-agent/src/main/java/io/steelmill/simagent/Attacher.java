package io.steelmill.simagent;

/**
 * Loads the agent into another JVM through the attach API: the helper process of {@link
 * SelfAttach} runs {@link #main}; a JVM that allows attaching to itself calls {@link #attach}.
 */
public final class Attacher {
  private Attacher() {}

  /** {@code Attacher <pid> <agent jar>}: exits 0 once the agent is loaded, else 1 with why. */
  public static void main(String[] arguments) {
    String failure = arguments.length == 2 ? attach(arguments[0], arguments[1])
        : "usage: Attacher <pid> <agent jar>";
    if (failure != null) {
      System.out.println(failure);
      System.exit(1);
    }
  }

  /** Loads the agent jar into JVM {@code pid}; null on success, else why not. */
  static String attach(String pid, String jar) {
    try {
      com.sun.tools.attach.VirtualMachine machine =
          com.sun.tools.attach.VirtualMachine.attach(pid);
      try {
        machine.loadAgent(jar);
      } finally {
        machine.detach();
      }
      return null;
    } catch (Exception | LinkageError e) {
      return e.toString();
    }
  }
}
