// What this build publishes, and what README tells users to write, checked against the poms.
// verify.groovy evaluates it after the generated project's builds; `basedir` is this folder's
// copy under <root>/archetype/<build directory>/it/. Each failure names the file to fix.
//   1. The BOM lists exactly the published library modules (jar packaging, not deploy-skipped),
//      those of profiles (benchmarks) included; nothing unpublished, nothing missing.
//   2. Every published jar (and the archetype's) carries META-INF/LICENSE as in the root, and an
//      Automatic-Module-Name that is a valid Java module name, unique among them; README's
//      "Publishing" list names exactly those.
//   3. README's archetype command, Maven recipe and Gradle snippet use the versions, plugin
//      versions, argLine, test patterns and profile of the archetype's pom and the parent's.
import groovy.xml.XmlSlurper
import java.util.jar.JarFile

def root = basedir.canonicalFile
while (!new File(root, 'bom/pom.xml').isFile()) {
  root = root.parentFile
  assert root != null : "no bom/pom.xml above ${basedir}"
}
// <root>/archetype/<build directory>/it/new-project: target, or target/simulation
def buildDirectory = new File(root, 'archetype').toPath()
    .relativize(basedir.canonicalFile.parentFile.parentFile.toPath()).toString()
def slurp = { File file -> new XmlSlurper().parse(file) }
def parent = slurp(new File(root, 'pom.xml'))
def version = parent.version.text()
def parentProps = parent.properties.children().collectEntries { [(it.name()): it.text()] }

// 1. the BOM against the reactor, profile modules included
def modules = parent.modules.module*.text() + parent.profiles.profile.modules.module*.text()
def published = [:]   // artifactId -> module folder
modules.each { module ->
  def pom = slurp(new File(root, "${module}/pom.xml"))
  def packaging = pom.packaging.text() ?: 'jar'
  if (packaging == 'jar' && pom.properties.'maven.deploy.skip'.text() != 'true') {
    published[pom.artifactId.text()] = module
  }
}
def bom = slurp(new File(root, 'bom/pom.xml'))
assert bom.version.text() == version : 'bom/pom.xml: keep its version equal to the parent\'s'
def listed = bom.dependencyManagement.dependencies.dependency.collect {
  assert it.groupId.text() == 'io.steelmill' && it.version.text() == '${project.version}' :
      "bom/pom.xml: ${it.artifactId.text()} must be io.steelmill at \${project.version}"
  it.artifactId.text()
}
def missing = published.keySet() - listed
def extra = listed - published.keySet()
assert missing.isEmpty() : "bom/pom.xml does not list the published ${missing}"
assert extra.isEmpty() : "bom/pom.xml lists ${extra}, which no module publishes (not in the reactor, not a jar, or maven.deploy.skip)"
assert listed.size() == listed.toSet().size() : "bom/pom.xml lists a module twice: ${listed}"

// 2. licence and module names in every published jar
def license = new File(root, 'LICENSE').bytes
def keywords = ('abstract assert boolean break byte case catch char class const continue default do double else enum extends final finally float for goto if implements import instanceof int interface long native new package private protected public return short static strictfp super switch synchronized this throw throws transient try void volatile while true false null _').split(' ') as Set
def names = [:]
def jarOf = { String module, String artifactId ->
  def jar = new File(root, "${module}/${buildDirectory}/${artifactId}-${version}.jar")
  assert jar.isFile() : "${jar} was not built before the archetype"
  jar
}
def carriesLicense = { File jar ->
  new JarFile(jar).withCloseable { file ->
    def entry = file.getEntry('META-INF/LICENSE')
    assert entry != null : "${jar.name} has no META-INF/LICENSE (the parent's license execution)"
    assert file.getInputStream(entry).bytes == license : "${jar.name}: META-INF/LICENSE differs from LICENSE"
  }
}
published.each { artifactId, module ->
  if (module.startsWith('benchmarks')) {
    return // only with -Pbenchmarks; deploy-skipped, so never here
  }
  def jar = jarOf(module, artifactId)
  carriesLicense(jar)
  def name = new JarFile(jar).withCloseable { it.manifest.mainAttributes.getValue('Automatic-Module-Name') }
  assert name : "${jar.name} has no Automatic-Module-Name: set steelmill.module.name in ${module}/pom.xml"
  name.split('\\.', -1).each { part ->
    assert part ==~ /[\p{javaJavaIdentifierStart}][\p{javaJavaIdentifierPart}]*/ && !keywords.contains(part) :
        "${jar.name}: Automatic-Module-Name ${name} is no Java module name (${part})"
  }
  assert name == 'io.steelmill' || name.startsWith('io.steelmill.') : "${jar.name}: ${name} is outside io.steelmill"
  assert !names.containsKey(name) : "${jar.name} and ${names[name]} both say Automatic-Module-Name ${name}"
  names[name] = jar.name
}
carriesLicense(jarOf('archetype', 'steelmill-archetype'))

def readme = new File(root, 'README.md').text
def publishing = (readme =~ /(?s)### Publishing\n(.*?)\n## /)
assert publishing.find() : 'README.md has no "### Publishing" section'
def said = (publishing.group(1) =~ /`(io\.steelmill[\w.]*)`/).collect { it[1] } as Set
assert said == names.keySet() : "README.md, Publishing: the module names are ${names.keySet().sort()}, it says ${said.sort()}"

// 3. README's snippets against the archetype's pom and the parent
def block = { String after, String lang ->
  def m = (readme =~ /(?s)\Q${after}\E.*?```${lang}\n(.*?)```/)
  assert m.find() : "README.md: no ${lang} block after ${after}"
  m.group(1)
}
def archetypePom = slurp(new File(root, 'archetype/src/main/resources/archetype-resources/pom.xml'))
def recipe = new XmlSlurper().parseText("<project>${block('### Maven', 'xml')}</project>")
def props = { node -> node.properties.children().collectEntries { [(it.name()): it.text()] } }
def userProps = props(recipe)
def projectProps = props(archetypePom)
def resolve = { String text, Map p ->
  def out = text
  5.times { out = out.replaceAll(/\$\{([\w.]+)\}/) { all, key -> p.containsKey(key) ? p[key] : all } }
  out.trim().replaceAll(/\s+/, ' ')
}
def drift = []
def same = { String what, a, b -> if (a != b) { drift << "${what}: README says ${a}, the archetype's pom ${b}" } }

same('steelmill.version', userProps['steelmill.version'], version)
projectProps.each { key, value ->
  if (userProps.containsKey(key) && key != 'steelmill.version') {
    same("property ${key}", userProps[key], value)
  }
}
['maven.compiler.release'].each { same(it, userProps[it], parentProps[it]) }
['junit.version', 'assertj.version', 'slf4j.version'].each {
  if (projectProps[it] != parentProps[it]) {
    drift << "archetype pom ${it} ${projectProps[it]} != the parent's ${parentProps[it]}"
  }
}
// every dependency's version, as each document resolves it
def versions = { node, Map p ->
  def out = [:]
  node.'**'.findAll { it.name() in ['dependency', 'plugin', 'path'] }.each {
    def v = it.version.text()
    if (v) {
      out["${it.groupId.text() ?: 'org.apache.maven.plugins'}:${it.artifactId.text()}"] = resolve(v, p)
    }
  }
  out
}
def userVersions = versions(recipe, userProps + ['steelmill.version': version])
def projectVersions = versions(archetypePom, projectProps + ['steelmill.version': version, 'steelmillVersion': version])
projectVersions['org.junit.jupiter:junit-jupiter'] = projectProps['junit.version']
userVersions.each { ga, v ->
  if (projectVersions.containsKey(ga)) {
    same("version of ${ga}", v, projectVersions[ga])
  } else {
    drift << "README's recipe names ${ga}, the archetype's pom does not"
  }
}
// pinned plugins: the versions this build itself uses
def parentPlugins = versions(parent, parentProps)
['maven-compiler-plugin', 'maven-surefire-plugin', 'maven-toolchains-plugin'].each {
  same("${it} (parent pins ${parentPlugins['org.apache.maven.plugins:' + it]})",
      userVersions['org.apache.maven.plugins:' + it], parentPlugins['org.apache.maven.plugins:' + it])
}
// the plugin configurations that decide whether a user's build works
def pluginConfig = { node, String artifactId, Map p ->
  def plugin = node.build.plugins.plugin.find { it.artifactId.text() == artifactId }
  def c = plugin.configuration
  [argLine: resolve(c.argLine.text(), [:]), includes: c.includes.include*.text(),
   excludes: c.excludes.exclude*.text(), processorPath: c.annotationProcessorPaths.path.artifactId*.text(),
   compilerArgs: plugin.executions.execution.configuration.compilerArgs.arg*.text(),
   toolchain: plugin.executions.execution.configuration.version*.text()]
}
['maven-surefire-plugin', 'maven-compiler-plugin', 'maven-toolchains-plugin'].each { a ->
  same("${a} configuration", pluginConfig(recipe, a, userProps), pluginConfig(archetypePom, a, projectProps))
}
def argLine = pluginConfig(archetypePom, 'maven-surefire-plugin', projectProps).argLine
['--add-opens java.base/java.lang=ALL-UNNAMED', '-Djdk.attach.allowAttachSelf=true', '-XX:+EnableDynamicAgentLoading'].each {
  assert parentProps['surefire.argLine'].contains(it) : "the parent's surefire.argLine lacks ${it}"
  assert argLine.contains(it) : "the archetype's argLine lacks ${it}"
}
def simulation = { node -> node.profiles.profile.find { it.id.text() == 'simulation' } }
same('simulation profile properties', props(simulation(recipe)).findAll { it.key != 'steelmill.simFlags' },
    props(simulation(archetypePom)).findAll { it.key != 'steelmill.simFlags' })
same('simulation profile dependencies', simulation(recipe).dependencies.dependency.artifactId*.text(),
    simulation(archetypePom).dependencies.dependency.artifactId*.text())
same('simulation profile directory', simulation(recipe).build.directory.text(),
    simulation(archetypePom).build.directory.text())

// the archetype command: the plugin version this build tests with, this version
def command = block('### A new project in one command', 'sh')
def invoker = new File(root, 'archetype/src/it/new-project/invoker.properties').text
same('archetype plugin', (command =~ /maven-archetype-plugin:([\w.-]+):generate/)[0][1],
    parentPlugins['org.apache.maven.plugins:maven-archetype-plugin'])
same('archetype plugin in invoker.properties', (invoker =~ /maven-archetype-plugin:([\w.-]+):generate/)[0][1],
    parentPlugins['org.apache.maven.plugins:maven-archetype-plugin'])
same('-DarchetypeVersion', (command =~ /-DarchetypeVersion=(\S+)/)[0][1], version)

// the Gradle snippet: the same versions, JVM options and test split
def gradle = block('### Gradle', 'kotlin')
def gradleSays = { pattern -> def m = (gradle =~ pattern); m.find() ? m.group(1) : null }
same('Gradle steelmillVersion', gradleSays(/steelmillVersion = "([^"]+)"/), version)
same('Gradle slf4j-simple', gradleSays(/slf4j-simple:([^"]+)"/), parentProps['slf4j.version'])
same('Gradle junit-bom', gradleSays(/junit-bom:([^"]+)"/), parentProps['junit.version'])
same('Gradle assertj-core', gradleSays(/assertj-core:([^"]+)"/), parentProps['assertj.version'])
same('Gradle release', gradleSays(/options\.release = (\d+)/), parentProps['maven.compiler.release'])
def jvmArgs = (gradleSays(/(?s)jvmArgs\((.*?)\)/) =~ /"([^"]+)"/).collect { it[1] }.join(' ')
['--add-opens java.base/java.lang=ALL-UNNAMED', '-Djdk.attach.allowAttachSelf=true', '-XX:+EnableDynamicAgentLoading'].each {
  if (!jvmArgs.contains(it)) {
    drift << "Gradle jvmArgs lack ${it}"
  }
}
same('Gradle simulation tests', gradleSays(/include\("([^"]+)"\)/),
    projectProps['steelmill.tests.excluded'].replace('.java', '.class'))
same('Gradle JDK for simulation', gradleSays(/JavaLanguageVersion\.of\(if \(steelmillMode == "simulation"\) (\d+)/),
    props(simulation(archetypePom))['steelmill.jdk'].replaceAll(/\[(\d+),\)/, '$1'))
if (!gradle.contains('-Asteelmill.mode=$steelmillMode')) {
  drift << 'Gradle snippet does not pass -Asteelmill.mode'
}
if (!gradle.contains('startsWith("steelmill.")')) {
  drift << 'Gradle snippet does not hand steelmill.* properties (replay commands) to the tests'
}
assert drift.isEmpty() : "README.md drifted from the poms (fix README or the archetype's pom):\n  " + drift.join('\n  ')
return true
