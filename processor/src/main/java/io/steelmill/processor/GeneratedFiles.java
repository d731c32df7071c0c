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
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.annotation.processing.Filer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
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
    ModuleElement module = elements.getModuleOf(factory);
    if (holder == null && isSourceType(module, qualified)) {
      holder = "the class " + simpleName + " in your sources";
    } else if (holder == null && isPackage(module, qualified)) {
      holder = "the package " + qualified;
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
      writeSource(file.get(), module);
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
  private void writeSource(JavaFile file, ModuleElement module) throws IOException {
    String text = render(file, module);
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
   * The text of {@code file}, with every {@code java.lang} name that a class of the factory's
   * package shadows written in full: a user class {@code test.String} next to the factory would
   * otherwise take the generated {@code String}. The file is rendered once with its {@code
   * java.lang} imports, which name exactly the {@code java.lang} classes it refers to by their
   * simple names; each is looked up in the package, and the import lines are then dropped. Asking
   * the package for those few names (rather than listing it, or {@code java.lang}) spares javac
   * reading the class file of every class either package holds on the class path.
   */
  private String render(JavaFile file, ModuleElement module) {
    String text = file.toBuilder().skipJavaLangImports(false).build().toString();
    int start = text.startsWith("import ") ? 0 : text.indexOf("\nimport ") + 1;
    if (start == 0 && !text.startsWith("import ")) {
      return text; // no imports at all
    }
    int end = text.indexOf("\n\n", start) + 1; // the blank line after the imports
    StringBuilder kept = new StringBuilder();
    List<String> shadowed = new ArrayList<>();
    for (String line : text.substring(start, end).split("\n")) {
      String name = javaLangName(line);
      if (name == null) {
        kept.append(line).append('\n');
      } else if (isShadowed(module, file.packageName(), name)) {
        shadowed.add(name);
      }
    }
    if (!shadowed.isEmpty()) {
      TypeSpec type =
          file.typeSpec().toBuilder().alwaysQualify(shadowed.toArray(String[]::new)).build();
      return JavaFile.builder(file.packageName(), type)
          .skipJavaLangImports(true)
          .indent("  ")
          .build()
          .toString();
    }
    // JavaPoet writes a blank line after the imports only when there is one
    int rest = kept.isEmpty() ? end + 1 : end;
    return text.substring(0, start) + kept + text.substring(rest);
  }

  /** {@code String} for the line {@code import java.lang.String;}, or null for any other line. */
  private static String javaLangName(String line) {
    String prefix = "import java.lang.";
    if (!line.startsWith(prefix) || !line.endsWith(";")) {
      return null;
    }
    String name = line.substring(prefix.length(), line.length() - 1);
    return name.indexOf('.') < 0 ? name : null;
  }

  /**
   * Whether the package {@code packageName} of {@code module} holds a class named {@code
   * simpleName}.
   */
  private boolean isShadowed(ModuleElement module, String packageName, String simpleName) {
    if (packageName.equals("java.lang")) {
      return false;
    }
    String qualified = packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    TypeElement type = typeElement(module, qualified);
    return type != null
        && type.getEnclosingElement() instanceof PackageElement owner
        && owner.getQualifiedName().contentEquals(packageName);
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
   * The class {@code qualified} as the generated file's module sees it, or null. Asked of that
   * one module: without it, javac looks a name up in every module of the JDK, which takes
   * milliseconds for a name that is not there (most of the names asked here).
   */
  private TypeElement typeElement(ModuleElement module, String qualified) {
    return module == null
        ? elements.getTypeElement(qualified)
        : elements.getTypeElement(module, qualified);
  }

  /** Whether a package has the name {@code qualified}: a class may not share it. */
  private boolean isPackage(ModuleElement module, String qualified) {
    return (module == null
            ? elements.getPackageElement(qualified)
            : elements.getPackageElement(module, qualified))
        != null;
  }

  /**
   * Whether a type of this name comes from a source file of this compilation that Steelmill did
   * not generate (a stale generated file from an earlier build is not a clash: the filer decides).
   */
  private boolean isSourceType(ModuleElement module, String qualified) {
    TypeElement existing = typeElement(module, qualified);
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
