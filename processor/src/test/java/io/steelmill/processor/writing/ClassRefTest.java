package io.steelmill.processor.writing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ClassRef#isTopLevel} answers as comparing with {@link ClassRef#topLevelQualified}. */
class ClassRefTest {
  @Test
  void isTopLevelAgreesWithTheQualifiedName() {
    List<ClassRef> refs = List.of(ClassRef.of("a.b", "Disk"), ClassRef.of("a.b", "Host", "Leader"),
        ClassRef.of("", "Disk"), ClassRef.of("a", "bDisk"), ClassRef.of("ab", "Disk"));
    List<String> names = List.of("a.b.Disk", "a.b.Host", "Disk", "a.bDisk", "ab.Disk", "a.b.Dis",
        "a.bb.Disk", "a.b.Disk.x", "axbxDisk", "");
    for (ClassRef ref : refs) {
      for (String name : names) {
        assertThat(ref.isTopLevel(name)).as(ref + " " + name)
            .isEqualTo(ref.topLevelQualified().equals(name));
      }
      assertThat(ref.isTopLevel(null)).isFalse();
    }
  }
}
