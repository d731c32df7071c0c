package io.steelmill.processor;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.Diagnostics;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.model.Annotations;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.Mode;
import io.steelmill.processor.writing.GraphPictureWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.Filer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.JavaFileObject;

/**
 * Writes generated classes through the filer, and turns every way a write can fail into an error
 * on the factory: a name already taken, or a write the filer refuses. Never a {@code
 * FilerException} escaping to javac.
 */
final class GeneratedFiles {
  private static final String GENERATED = "javax.annotation.processing.Generated";

  private final Filer filer;
  private final Elements elements;
  private final Diagnostics diagnostics;
  /** Qualified names of the classes written in this compilation, and the factory of each. */
  private final Map<String, String> written = new HashMap<>();
  /** The simple names of the classes in {@code java.lang}; null until first needed. */
  private Set<String> javaLang;

  GeneratedFiles(Filer filer, Elements elements, Diagnostics diagnostics) {
    this.filer = filer;
    this.elements = elements;
    this.diagnostics = diagnostics;
  }

  /**
   * Writes the class {@code simpleName} for {@code factory}, unless the name is taken: by a class
   * written earlier in this compilation ({@code Outer.App} and {@code Outer_App} both generate
   * {@code SteelmillOuter_App}) or by a source file. A write the filer refuses is reported too.
   */
  boolean write(TypeElement factory, String simpleName, Supplier<JavaFile> file) {
    String packageName = elements.getPackageOf(factory).getQualifiedName().toString();
    String qualified = packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    String factoryName = factory.getQualifiedName().toString();
    String holder = written.get(qualified);
    if (holder == null && isSourceType(qualified)) {
      holder = "the class " + simpleName + " in your sources";
    } else if (holder != null) {
      holder = "the generated class of the factory " + holder;
    }
    String shortName = factoryName.substring(packageName.isEmpty() ? 0 : packageName.length() + 1);
    if (holder != null) {
      diagnostics.error(
          Diagnostic.of(
                  ErrorCode.GeneratedNameTaken,
                  factory,
                  ErrorCode.GeneratedNameTaken.describe(shortName, simpleName, holder),
                  "",
                  ErrorCode.GeneratedNameTaken.fix(shortName, simpleName))
              .text(),
          factory);
      return false;
    }
    try {
      writeSource(qualifyShadowed(file.get()));
      written.put(qualified, shortName);
      return true;
    } catch (IOException refused) {
      notWritten(factory, simpleName, shortName, refused, qualified);
      return false;
    }
  }

  /**
   * Writes {@code file} as JavaPoet's {@code writeTo(Filer)} does (same name, same originating
   * elements, same text), but renders it into memory first and hands the filer one string:
   * JavaPoet appends to the filer's writer in thousands of small pieces, each through the
   * writer's lock and encoder (a 10,000-line factory is about 400 KB).
   */
  private void writeSource(JavaFile file) throws IOException {
    String text = file.toString();
    String name =
        file.packageName().isEmpty()
            ? file.typeSpec().name()
            : file.packageName() + "." + file.typeSpec().name();
    JavaFileObject source =
        filer.createSourceFile(name, file.typeSpec().originatingElements().toArray(Element[]::new));
    try (Writer writer = source.openWriter()) {
      writer.write(text);
    } catch (IOException | RuntimeException failed) {
      source.delete(); // no half-written factory left for javac to compile
      throw failed;
    }
  }

  /**
   * The file with every {@code java.lang} name the package shadows written in full: a user class
   * {@code test.String} next to the factory would otherwise take the generated {@code String}.
   * The package's classes are matched against the names {@code java.lang} holds, read once: a
   * failed {@code getTypeElement} per class of a 1,000-class package cost javac a second.
   */
  private JavaFile qualifyShadowed(JavaFile file) {
    List<String> shadowed = new ArrayList<>();
    PackageElement own = elements.getPackageElement(file.packageName());
    if (own != null && !file.packageName().equals("java.lang")) {
      Set<String> javaLang = javaLangNames();
      for (Element type : own.getEnclosedElements()) {
        String name = type.getSimpleName().toString();
        if (javaLang.contains(name)) {
          shadowed.add(name);
        }
      }
    }
    if (shadowed.isEmpty()) {
      return file;
    }
    TypeSpec type =
        file.typeSpec().toBuilder().alwaysQualify(shadowed.toArray(String[]::new)).build();
    return JavaFile.builder(file.packageName(), type)
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  /** The simple names of the classes in {@code java.lang}, read on first use. */
  private Set<String> javaLangNames() {
    if (javaLang == null) {
      javaLang = new HashSet<>();
      PackageElement lang = elements.getPackageElement("java.lang");
      if (lang != null) {
        for (Element type : lang.getEnclosedElements()) {
          javaLang.add(type.getSimpleName().toString());
        }
      }
    }
    return javaLang;
  }

  /** Writes the factory's graph pictures; a refused write is reported like any generated file. */
  void writePictures(TypeElement factory, Map<Mode, BindingGraph> graphs) {
    try {
      new GraphPictureWriter(graphs).writeTo(filer);
    } catch (IOException refused) {
      notWritten(factory, "the graph pictures (.dot, .mmd)", factory.getSimpleName().toString(),
          refused, factory.getQualifiedName().toString());
    }
  }

  /** Reports that the filer refused {@code file}, written for {@code factory}. */
  private void notWritten(
      TypeElement factory, String file, String factoryName, IOException refused, String target) {
    diagnostics.error(
        Diagnostic.of(
                ErrorCode.GeneratedFileNotWritten,
                factory,
                ErrorCode.GeneratedFileNotWritten.describe(file, factoryName, refused.getMessage()),
                "",
                ErrorCode.GeneratedFileNotWritten.fix(target))
            .text(),
        factory);
  }

  /**
   * Whether a type of this name comes from a source file of this compilation that Steelmill did
   * not generate (a stale generated file from an earlier build is not a clash: the filer decides).
   */
  private boolean isSourceType(String qualified) {
    TypeElement existing = elements.getTypeElement(qualified);
    if (existing == null) {
      return false;
    }
    JavaFileObject file = elements.getFileObjectOf(existing);
    if (file == null || file.getKind() != JavaFileObject.Kind.SOURCE) {
      return false;
    }
    AnnotationMirror generated = Annotations.find(existing, GENERATED);
    return generated == null || !generated.toString().contains(SteelmillProcessor.class.getName());
  }
}
