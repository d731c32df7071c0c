package io.steelmill.processor;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.Diagnostics;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.model.Annotations;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.Mode;
import io.steelmill.processor.validation.FactoryValidator;
import io.steelmill.processor.writing.GraphPictureWriter;
import io.steelmill.processor.writing.SourceFile;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.Filer;
import javax.lang.model.element.AnnotationMirror;
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
  // per named module: whether its code can name @Generated (see readsGenerated)
  private final Map<ModuleElement, Boolean> reads = new HashMap<>();

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
  boolean write(TypeElement factory, String simpleName, Supplier<SourceFile> file) {
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
      SourceFile source = file.get();
      // the validator checked $Ambient before the graph; a huge graph's parts can be longer
      Diagnostic tooLong = FactoryValidator.generatedNameTooLong(factory, source.longestNested());
      if (tooLong != null) {
        diagnostics.error(tooLong.text(), factory);
        return false;
      }
      writeSource(source, module);
      written.put(qualified, shortName);
      return true;
    } catch (IOException refused) {
      notWritten(factory, simpleName, shortName, refused, qualified);
      return false;
    } catch (RuntimeException failed) {
      // not a catch clause of its own: the verifier would load NameHidden with this class, and a
      // processor path missing the writing classes must still fail on the factory (see Failures)
      if (!(failed instanceof SourceFile.NameHidden hidden)) {
        throw failed;
      }
      diagnostics.error(
          Diagnostic.of(
                  ErrorCode.NameHidden,
                  factory,
                  ErrorCode.NameHidden.describe(
                      shortName, simpleName, hidden.className(), hidden.segment(),
                      hidden.meaning()),
                  "",
                  ErrorCode.NameHidden.fix(hidden.segment(), shortName))
              .text(),
          factory);
      return false;
    }
  }

  /**
   * Whether {@code write} would write the class {@code simpleName} of {@code factory}: written
   * already, or its name free and every name it must write reachable. Reports nothing: asked
   * for a child whose creator a parent names, before the parent is written; the child reports
   * its own failure when it is processed.
   */
  boolean writable(TypeElement factory, String simpleName, Supplier<SourceFile> file) {
    String packageName = elements.getPackageOf(factory).getQualifiedName().toString();
    String qualified = packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    String factoryName = factory.getQualifiedName().toString();
    String shortName = factoryName.substring(packageName.isEmpty() ? 0 : packageName.length() + 1);
    String holder = written.get(qualified);
    if (holder != null) {
      return holder.equals(shortName);
    }
    ModuleElement module = elements.getModuleOf(factory);
    if (isSourceType(module, qualified) || isPackage(module, qualified)) {
      return false;
    }
    SourceFile source = file.get();
    try {
      source.render(simpleName2 -> isShadowed(module, source.packageName(), simpleName2));
      return true;
    } catch (RuntimeException failed) {
      if (!(failed instanceof SourceFile.NameHidden)) {
        throw failed;
      }
      return false;
    }
  }

  /**
   * Writes {@code file} through the filer in one piece, its factory interface as the originating
   * element. The text names a {@code java.lang} class by its simple name unless a class of the
   * factory's package shadows it (a user class {@code test.String} next to the factory): only the
   * few {@code java.lang} names the file uses are asked of the package, which spares javac reading
   * the class file of every class the package (or {@code java.lang}) holds on the class path.
   */
  private void writeSource(SourceFile file, ModuleElement module) throws IOException {
    String text = file.render(simpleName -> isShadowed(module, file.packageName(), simpleName));
    if (!readsGenerated(module)) {
      text = withoutGenerated(text);
    }
    JavaFileObject source = filer.createSourceFile(file.qualifiedName(), file.origin());
    try (Writer writer = source.openWriter()) {
      writer.write(text);
    } catch (IOException | RuntimeException failed) {
      source.delete(); // no half-written factory left for javac to compile
      throw failed;
    }
  }

  /**
   * Whether code in {@code module} can name {@code @javax.annotation.processing.Generated}: the
   * unnamed module reads every module of the JDK, a named one ({@code module-info.java}) only what
   * it requires, directly or through a {@code requires transitive}. A module that does not read
   * {@code java.compiler} got "package javax.annotation.processing is not visible" inside every
   * generated file; such files go without the annotation (as Dagger's do).
   */
  private boolean readsGenerated(ModuleElement module) {
    if (module == null || module.isUnnamed()) {
      return true;
    }
    Boolean known = reads.get(module);
    if (known == null) {
      known = reads(module, "java.compiler", new HashSet<>(), true);
      reads.put(module, known);
    }
    return known;
  }

  private static boolean reads(
      ModuleElement module, String name, Set<ModuleElement> seen, boolean direct) {
    if (!seen.add(module)) {
      return false;
    }
    for (ModuleElement.Directive directive : module.getDirectives()) {
      if (directive instanceof ModuleElement.RequiresDirective requires
          && (direct || requires.isTransitive())) {
        ModuleElement read = requires.getDependency();
        if (read.getQualifiedName().contentEquals(name) || reads(read, name, seen, false)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code text} without the {@code @Generated} annotation and its import. */
  static String withoutGenerated(String text) {
    return text
        .replace("import javax.annotation.processing.Generated;\n", "")
        .replaceAll(
            "(?m)^@(javax\\.annotation\\.processing\\.)?Generated\\(\n(?:    .*\n)*\\)\n", "");
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
