package io.steelmill.processor.model;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Which keys of a root factory's graph its ambient factory owns. */
final class AmbientKeys {
  private AmbientKeys() {}

  /**
   * The keys an ambient factory owns: each {@code @Ambient} daemon and the provides, alias and
   * injected bindings it reaches (an injected type an ambient daemon needs is injected into the
   * ambient factory). A per-node daemon it reaches is an error the validation reports.
   */
  static Set<Key> of(Map<Key, Resolution> resolutions) {
    Set<Key> ambient = new LinkedHashSet<>();
    ArrayDeque<Key> queue = new ArrayDeque<>();
    for (Resolution resolution : resolutions.values()) {
      Binding binding = resolution.binding();
      if (binding != null && binding.ambient()) {
        queue.add(binding.key());
      }
    }
    while (!queue.isEmpty()) {
      Key key = queue.poll();
      Binding binding = resolutions.containsKey(key) ? resolutions.get(key).binding() : null;
      if (binding == null || !ambient.add(key)) {
        continue;
      }
      boolean perNode = binding.kind() == BindingKind.CONSTRUCTOR && !binding.ambient();
      if (perNode) {
        ambient.remove(key);
        continue;
      }
      for (Dependency dependency : binding.dependencies()) {
        queue.add(dependency.key());
      }
    }
    return ambient;
  }
}
