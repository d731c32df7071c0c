// After the three builds: both modes really ran their tests (a surefire that found none would
// pass silently), the processor drew the graph, and the BOM lists every published module.
import groovy.xml.XmlSlurper

def project = new File(basedir, 'heartbeat')

def reports(File dir) {
  def files = dir.listFiles({ f -> f.name.startsWith('TEST-') && f.name.endsWith('.xml') } as FileFilter)
  assert files : "no surefire reports in ${dir}"
  files.collect { new XmlSlurper().parse(it) }
}

def production = reports(new File(project, 'target/surefire-reports'))
assert production*.@name*.text() == ['com.example.heartbeat.AppTest']
assert production.sum { it.@tests.toInteger() } == 2
assert production.every { it.@failures.toInteger() == 0 && it.@errors.toInteger() == 0 }

def simulation = reports(new File(project, 'target/simulation/surefire-reports'))
assert simulation*.@name*.text() == ['com.example.heartbeat.AppSimulationTest']
// ten seeds of one test
assert simulation.sum { it.@tests.toInteger() } == 10
assert simulation.every { it.@failures.toInteger() == 0 && it.@errors.toInteger() == 0 }

def generated = new File(project, 'target/generated-sources/annotations/com/example/heartbeat')
assert new File(generated, 'SteelmillApp.java').isFile()
assert new File(generated, 'SteelmillApp.dot').text.contains('digraph')
assert new File(generated, 'SteelmillApp.mmd').text.contains('flowchart')

// the BOM: every module of the root build that is deployed must be listed
// basedir is <root>/archetype/<build directory>/it/new-project; the build directory is target,
// or target/simulation under -Psimulation, for every module alike
def root = basedir.canonicalFile
while (!new File(root, 'bom/pom.xml').isFile()) {
  root = root.parentFile
  assert root != null : "no bom/pom.xml above ${basedir}"
}
def buildDirectory = new File(root, 'archetype').toPath().relativize(basedir.canonicalFile.parentFile.parentFile.toPath()).toString()
def bom = new XmlSlurper().parse(new File(root, 'bom/pom.xml'))
def listed = bom.dependencyManagement.dependencies.dependency*.artifactId*.text() as Set
def parent = new XmlSlurper().parse(new File(root, 'pom.xml'))
assert bom.version.text() == parent.version.text() : 'bom/pom.xml: keep its version equal to the parent\'s'
def published = parent.modules.module*.text().findAll { module ->
  def pom = new XmlSlurper().parse(new File(root, "${module}/pom.xml"))
  def packaging = pom.packaging.text() ?: 'jar'
  packaging == 'jar' && pom.properties.'maven.deploy.skip'.text() != 'true'
}.collect { new XmlSlurper().parse(new File(root, "${it}/pom.xml")).artifactId.text() }
def missing = published.findAll { !listed.contains(it) }
assert missing.isEmpty() : "bom/pom.xml does not list ${missing}"

// every library jar names its Java module
parent.modules.module*.text().each { module ->
  def pom = new XmlSlurper().parse(new File(root, "${module}/pom.xml"))
  if (!published.contains(pom.artifactId.text())) {
    return
  }
  def jar = new File(root, "${module}/${buildDirectory}/${pom.artifactId.text()}-${parent.version.text()}.jar")
  assert jar.isFile() : "${jar} was not built before the archetype"
  def manifest = new java.util.jar.JarFile(jar).withCloseable { it.manifest.mainAttributes }
  def name = manifest.getValue('Automatic-Module-Name')
  assert name ==~ /io\.steelmill(\.[a-z]+)*/ : "${jar.name}: Automatic-Module-Name is ${name}"
}
return true
