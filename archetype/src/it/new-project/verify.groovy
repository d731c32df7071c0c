// After the three builds: both modes really ran their tests (a surefire that found none would
// pass silently), the processor drew the graph; then publication.groovy (the BOM, licences and
// module names of the jars, README's recipes against the poms).
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

// what this build publishes and what README tells users: publication.groovy, beside this file
evaluate(new File(basedir, 'publication.groovy'))
return true
