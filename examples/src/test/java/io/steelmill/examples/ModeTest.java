package io.steelmill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.hello.HelloCommand;
import io.steelmill.examples.pingpong.SteelmillPingPong;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs in both builds (examples/ and examples-simulation/), asserting what each must do: the
 * production build never touches a simulation class, and the simulation build binds them.
 */
class ModeTest {
  private static final boolean SIMULATION = "simulation".equals(SteelmillPingPong.MODE);

  /** Loads everything itself, and refuses the simulation kernel and @Simulation classes. */
  private static final class WithoutSimulation extends URLClassLoader {
    WithoutSimulation(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      // the history checker (io.steelmill.sim.history) is no simulator: `check` uses it in both
      boolean simulator = name.startsWith("io.steelmill.sim.")
          && !name.startsWith("io.steelmill.sim.history.");
      if (simulator || name.endsWith(".SimChaos")) {
        throw new ClassNotFoundException(name + " is hidden: the production build must not load it");
      }
      return super.loadClass(name, resolve);
    }
  }

  @Test
  void productionBuildRunsWithoutSimulationClassesAndSimulationBuildBindsThem() throws Exception {
    if (SIMULATION) {
      assertThat(constantPoolMentions(SteelmillPingPong.class, "io/steelmill/sim/SimNetwork")).isTrue();
      return;
    }
    assertThat(constantPoolMentions(SteelmillPingPong.class, "io/steelmill/sim/")).isFalse();
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(new File(entry).toURI().toURL());
    }
    try (URLClassLoader loader = new WithoutSimulation(urls.toArray(URL[]::new))) {
      Class<?> hello = loader.loadClass(HelloCommand.class.getName());
      Method run = hello.getMethod("run", List.class, PrintStream.class);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Object code = run.invoke(null, List.of("alice", "bob"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
      assertThat(code).isEqualTo(0);
      assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("built: GuestBook, Alice, Bob");

      Class<?> main = loader.loadClass(Main.class.getName());
      Class<?> commandLine = loader.loadClass("picocli.CommandLine");
      Object cli = commandLine.getConstructor(Object.class).newInstance(main.getConstructor().newInstance());
      Object exit = commandLine.getMethod("execute", String[].class)
          .invoke(cli, (Object) new String[] {"pingpong", "--virtual", "1s"});
      assertThat(exit).as("pingpong explains it needs the simulation build").isEqualTo(2);
    }
  }

  private static boolean constantPoolMentions(Class<?> type, String fragment) throws Exception {
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return bytes.contains(fragment);
    }
  }
}
