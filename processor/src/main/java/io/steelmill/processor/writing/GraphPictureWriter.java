package io.steelmill.processor.writing;

import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.FactoryDescriptor;
import io.steelmill.processor.model.Mode;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes pictures of a factory's graph next to its generated source: {@code Steelmill<Name>.dot}
 * (Graphviz) and {@code Steelmill<Name>.mmd} (Mermaid), in the same package folder of the
 * generated sources ({@code target/generated-sources/annotations} under Maven). They show both
 * modes, whichever one is generated, and never end up in the jar.
 */
public final class GraphPictureWriter {
  private final FactoryDescriptor factory;
  private final GraphPicture picture;

  /** {@code graphs}: the factory's graph in each mode. */
  public GraphPictureWriter(Map<Mode, BindingGraph> graphs) {
    this.factory = graphs.values().iterator().next().factory();
    this.picture = GraphPicture.of(graphs);
  }

  public void writeTo(Filer filer) throws IOException {
    write(filer, ".dot", GraphFormats.dot(picture));
    write(filer, ".mmd", GraphFormats.mermaid(picture));
  }

  private void write(Filer filer, String extension, String text) throws IOException {
    FileObject file =
        filer.createResource(
            StandardLocation.SOURCE_OUTPUT,
            factory.packageName(),
            factory.generatedName() + extension,
            factory.element());
    try (Writer writer = file.openWriter()) {
      writer.write(text);
    }
  }
}
