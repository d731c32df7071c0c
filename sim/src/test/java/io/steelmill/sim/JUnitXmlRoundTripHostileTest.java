package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * junit.xml read back by an XML parser, as a CI server reads it, says what was written: the
 * suite, the failure message and the replay command. A tab, a carriage return or a line break
 * written raw in an attribute reads back as a space (XML normalizes attribute values), and a
 * carriage return in text reads back as a line break: a failure's message came back changed.
 * Only the characters XML cannot hold at all may change, each into one '?'.
 */
class JUnitXmlRoundTripHostileTest {

  /** What XML 1.0 can hold of {@code text}: its characters, each illegal one as '?'. */
  private static String holdable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF
          || c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        out.append('?');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Test
  void whatCiReadsIsWhatWasWritten(@TempDir Path dir) throws Exception {
    List<String> texts = new ArrayList<>(ShardAndMergeHostileTest.oddTexts());
    texts.addAll(List.of("\r\n", "a\r\nb", "\t\t", "line one\nline two\r\nline three\rfour",
        " lead and trail ", "x".repeat(100_000) + "\n" + "y"));
    SweepReport report = new SweepReport(Shard.ALL);
    for (int i = 0; i < texts.size(); i++) {
      report.add(new SeedResult("suite " + i + " " + texts.get(i), i, false, "h", texts.get(i),
          "replay " + texts.get(i), 0));
    }
    report.write(dir);
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(dir.resolve("junit.xml").toFile());
    NodeList cases = xml.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(texts.size());
    for (int k = 0; k < cases.getLength(); k++) {
      Element testcase = (Element) cases.item(k);
      int seed = Integer.parseInt(testcase.getAttribute("name").substring("seed=".length()));
      String text = texts.get(seed);
      String shown = text.length() > 60 ? text.substring(0, 60) : text;
      assertThat(testcase.getAttribute("classname")).as("suite of %s", shown)
          .isEqualTo(holdable("suite " + seed + " " + text));
      Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
      assertThat(failure.getAttribute("message")).as("message of %s", shown)
          .isEqualTo(holdable(text));
      assertThat(failure.getTextContent()).as("failure text of %s", shown)
          .isEqualTo(holdable(text) + "\nreplay: " + holdable("replay " + text));
    }
    assertThat(Files.size(dir.resolve("junit.xml"))).isPositive();
  }
}
