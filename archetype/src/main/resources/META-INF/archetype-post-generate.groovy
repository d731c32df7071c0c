// Runs after maven-archetype-plugin has written the project (it checks nothing in batch mode,
// not even a validationRegex): refuses coordinates and a package that would not build, removes
// what it wrote, and says in one line per mistake what is wrong and how to fix it. A package in
// any script, or as deep as you like, is fine: javac takes it.
import java.nio.file.Files

def keywords = ('abstract assert boolean break byte case catch char class const continue default'
    + ' do double else enum extends final finally float for goto if implements import instanceof'
    + ' int interface long native new package private protected public return short static'
    + ' strictfp super switch synchronized this throw throws transient try void volatile while'
    + ' true false null _').split(' ') as Set
def mavenId = ~/[A-Za-z0-9_.\-]+/
def mistakes = []
def quoted = { String text -> '"' + text.replaceAll(/[\p{Cntrl}]/) { String c -> String.format('\\u%04x', (int) c.charAt(0)) } + '"' }

[groupId: request.groupId, artifactId: request.artifactId].each { name, value ->
  if (!(value ==~ mavenId) || value ==~ /\.+/) {
    mistakes << "-D${name}=${quoted(value)} is not a Maven id. Fix: use letters, digits and . - _ only (com.example, heartbeat)."
  }
}
String version = request.version
if (!version || version =~ /[\s\\\/:"<>|?*&]/ || version.contains('${')) {
  mistakes << "-Dversion=${quoted(version ?: '')} is not a Maven version. Fix: something like 1.0-SNAPSHOT."
}
String pkg = request.getPackage()
List<String> segments = pkg == null ? [''] : pkg.split(/\./, -1) as List
def segmentMistake = segments.findResult { String s ->
  if (s.isEmpty()) {
    return 'it has an empty part'
  }
  if (keywords.contains(s)) {
    return "\"${s}\" is a Java keyword"
  }
  if (!Character.isJavaIdentifierStart(s.codePointAt(0))) {
    return "\"${s}\" does not start with a letter, _ or \$"
  }
  int bad = s.codePoints().toArray().find { !Character.isJavaIdentifierPart(it) } ?: -1
  bad >= 0 ? "\"${s}\" holds ${quoted(new String(Character.toChars(bad)))}, which Java names cannot" : null
}
if (segmentMistake) {
  String suggestion = segments.findAll { it }.collect { String s ->
    String t = s.replaceAll(/[^\p{javaJavaIdentifierPart}]/, '_')
    (!Character.isJavaIdentifierStart(t.codePointAt(0)) ? '_' : '') + t + (keywords.contains(t) ? '_' : '')
  }.join('.')
  mistakes << "-Dpackage=${quoted(pkg ?: '')} is not a Java package: ${segmentMistake}. Fix: give -Dpackage (it defaults to the groupId), e.g. -Dpackage=${suggestion ?: 'com.example.app'}."
} else if (segments[0] == 'java') {
  mistakes << "-Dpackage=${quoted(pkg)}: java.* belongs to the JDK. Fix: a package of your own, e.g. -Dpackage=com.example.app."
} else if (pkg == 'io.steelmill' || pkg.startsWith('io.steelmill.')) {
  mistakes << "-Dpackage=${quoted(pkg)} is Steelmill's own package (its jars' packages would be split). Fix: a package of your own, e.g. -Dpackage=com.example.app."
}

if (mistakes) {
  def project = new File(request.outputDirectory, request.artifactId).canonicalFile
  if (project.parentFile == new File(request.outputDirectory).canonicalFile && project.isDirectory()) {
    project.deleteDir() // the plugin refuses a folder that exists: this one is what it just wrote
  }
  throw new IllegalArgumentException('[Steelmill archetype] no project generated:\n'
      + mistakes.join('\n'))
}
