package io.steelmill.sim.picture;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.history.CheckResult;
import io.steelmill.sim.history.LinearizabilityChecker;
import io.steelmill.sim.history.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The picture of a failing run rendered by a real browser (headless Chromium, driven by
 * Selenium; run with {@code -Pbrowser}): the lanes, arrows, faults and the violation take up
 * space on the page, lanes are drawn top to bottom in order, nothing is fetched from outside, and
 * a screenshot is saved to {@code target/run-picture.png}. Chromium and chromedriver come from
 * the system ({@code -Dsteelmill.chromium} and {@code -Dsteelmill.chromedriver} point elsewhere).
 */
class RunPictureBrowserTest {
  private ChromeDriver browser;

  private static Path executable(String property, String... candidates) {
    String given = System.getProperty(property);
    for (String candidate : given == null ? List.of(candidates) : List.of(given)) {
      Path path = Path.of(candidate);
      if (Files.isExecutable(path)) {
        return path;
      }
    }
    throw new AssertionError("-Pbrowser renders the picture in headless Chromium, but no "
        + property.substring("steelmill.".length()) + " was found at " + (given == null
            ? String.join(", ", candidates) : given) + ". Fix: apt-get install chromium"
        + " chromium-driver, or give -D" + property + "=PATH.");
  }

  @BeforeEach
  void start() {
    Path chromium = executable("steelmill.chromium", "/usr/bin/chromium",
        "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    Path driver = executable("steelmill.chromedriver", "/usr/bin/chromedriver",
        "/usr/lib/chromium/chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--window-size=1900,1200");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theBrowserDrawsLanesArrowsFaultsAndTheViolation() throws Exception {
    RunPictureTest.Run run = RunPictureTest.run(3);
    CheckResult check = new LinearizabilityChecker(Models.named("kv"), Duration.ofSeconds(10))
        .check(run.history());
    Path file = Path.of("target", "run-picture.html").toAbsolutePath();
    Files.createDirectories(file.getParent());
    RunPicture.builder().title("seed 3").seed(3).failure(check.describe())
        .nodes(List.of("a", "b", "c")).timeline(run.ledger().timeline())
        .faults(run.ledger().faults()).history(run.history(), check)
        .runEnd(run.result().virtualNanos()).build().write(file);

    browser.get(file.toUri().toString());
    JavascriptExecutor js = browser;
    @SuppressWarnings("unchecked")
    Map<String, Object> drawn = (Map<String, Object>) js.executeScript("""
        const box = e => e.getBoundingClientRect();
        const lanes = [...document.querySelectorAll('svg g.lane line')].map(l => box(l).top);
        const arrows = [...document.querySelectorAll('svg g.message')]
            .filter(g => { const b = box(g); return b.width > 0 || b.height > 0; }).length;
        const violation = [...document.querySelectorAll('svg g.op.violation rect')]
            .filter(r => box(r).width > 0).length;
        const band = box(document.querySelector('svg rect.violation-window')).width;
        const svg = box(document.querySelector('svg.run'));
        return {lanes: lanes, arrows: arrows, violation: violation, band: band,
            width: svg.width, height: svg.height,
            fetched: performance.getEntriesByType('resource').length};
        """);

    @SuppressWarnings("unchecked")
    List<Number> lanes = (List<Number>) drawn.get("lanes");
    assertThat(lanes).hasSize(3);
    assertThat(lanes.get(0).doubleValue()).isLessThan(lanes.get(1).doubleValue());
    assertThat(lanes.get(1).doubleValue()).isLessThan(lanes.get(2).doubleValue());
    assertThat(((Number) drawn.get("arrows")).intValue()).isGreaterThan(5);
    assertThat(((Number) drawn.get("violation")).intValue()).isEqualTo(2);
    assertThat(((Number) drawn.get("band")).doubleValue()).isPositive();
    assertThat(((Number) drawn.get("width")).doubleValue()).isGreaterThan(1000);
    assertThat(((Number) drawn.get("fetched")).intValue()).as("resources fetched").isZero();
    byte[] png = browser.getScreenshotAs(OutputType.BYTES);
    Files.write(Path.of("target", "run-picture.png"), png);
    assertThat(png.length).isGreaterThan(10_000);
  }
}
