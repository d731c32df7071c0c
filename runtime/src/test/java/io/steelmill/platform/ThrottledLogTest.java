package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

/**
 * The warnings a peer can trigger at will are logged from the very threads that must survive
 * them (a listener's accept loop, a reader, a writer). A logging backend that throws an {@link
 * Error} (an {@code OutOfMemoryError} formatting the line, in the JVM short of memory whose
 * failing {@code accept} is being reported) escaped and ended the accept loop: the node never
 * accepted a connection again, silently. The backend here is a real SLF4J logger implementation
 * that fails as such a backend does.
 */
class ThrottledLogTest {
  /** An SLF4J logger whose every line fails with {@code error}. */
  private static final class FailingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    final AtomicInteger tried = new AtomicInteger();
    private final transient Error error;

    FailingLogger(Error error) {
      this.error = error;
      this.name = "failing";
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String message,
        Object[] arguments, Throwable throwable) {
      tried.incrementAndGet();
      throw error;
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }

  @Test
  void aLoggerThatFailsWithAnErrorDoesNotStopTheCaller() {
    for (Error error : new Error[] {new OutOfMemoryError("Java heap space"),
        new AssertionError("appender"), new StackOverflowError()}) {
      FailingLogger logger = new FailingLogger(error);
      ThrottledLog log = new ThrottledLog(logger, "accept failed", Duration.ZERO);
      assertThatCode(() -> log.warn("n1", "java.io.IOException: Too many open files"))
          .as("%s", error).doesNotThrowAnyException();
      assertThat(logger.tried.get()).isEqualTo(1);
    }
  }
}
