package io.steelmill.processor.validation;

import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * Whether the generated factory's module can use a class of another module (JPMS): the class's
 * package must be exported to it. A key type in a package its library
 * does not export (a public daemon's constructor taking a class of an internal package) passed
 * every check and made the generated factory fail to compile ("package lib.internal is not
 * visible"). Classes on the class path (the unnamed module) are exported to all; an automatic
 * module exports all its packages. (Whether the module reads the other is left to javac: an
 * automatic module's implied readability cannot be told from the language model.)
 */
final class ModuleAccess {
  private ModuleAccess() {}

  /**
   * Why the module of {@code factory} cannot use {@code type}, and the fix, or null when it can.
   */
  static String[] problem(TypeElement type, TypeElement factory) {
    ModuleElement owner = moduleOf(type);
    ModuleElement user = moduleOf(factory);
    if (owner == null || user == null || owner.equals(user) || owner.isUnnamed()) {
      return null;
    }
    PackageElement pkg = packageOf(type);
    if (!exports(owner, pkg, user)) {
      return new String[] {
        "package " + pkg.getQualifiedName() + " is not exported by module "
            + owner.getQualifiedName()
            + (user.isUnnamed() ? "" : " to module " + user.getQualifiedName()),
        "export it from module " + owner.getQualifiedName() + " (exports "
            + pkg.getQualifiedName() + ";), or bind a type of an exported package instead."
      };
    }
    return null;
  }

  private static boolean exports(ModuleElement owner, PackageElement pkg, ModuleElement user) {
    for (ModuleElement.Directive directive : owner.getDirectives()) {
      if (directive instanceof ModuleElement.ExportsDirective exports
          && exports.getPackage().equals(pkg)
          && (exports.getTargetModules() == null || exports.getTargetModules().contains(user))) {
        return true;
      }
    }
    return false;
  }

  private static ModuleElement moduleOf(Element element) {
    PackageElement pkg = packageOf(element);
    return pkg != null && pkg.getEnclosingElement() instanceof ModuleElement module
        ? module
        : null;
  }

  private static PackageElement packageOf(Element element) {
    Element e = element;
    while (e != null && !(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return (PackageElement) e;
  }
}
