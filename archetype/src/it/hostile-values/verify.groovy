// Each hostile invocation failed with its one-line reason and Fix and left no folder; the legal
// but odd one generated a project that built and passed its tests.
def log = basedir.listFiles().findAll { it.name.startsWith('build') && it.name.endsWith('.log') }
    .collect { it.getText('UTF-8') }.join('\n')
[
  '-Dpackage="com.example.class" is not a Java package: "class" is a Java keyword. Fix: give -Dpackage (it defaults to the groupId), e.g. -Dpackage=com.example.class_.',
  '-Dpackage="com.1example.app" is not a Java package: "1example" does not start with a letter, _ or $. Fix: give -Dpackage (it defaults to the groupId), e.g. -Dpackage=com._1example.app.',
  '-Dpackage="com.my-company" is not a Java package: "my-company" holds "-", which Java names cannot. Fix: give -Dpackage (it defaults to the groupId), e.g. -Dpackage=com.my_company.',
  '-Dpackage="com..example." is not a Java package: it has an empty part.',
  '-Dpackage="java.util.app": java.* belongs to the JDK.',
  '-Dpackage="io.steelmill.app" is Steelmill\'s own package',
  '-Dpackage="com.example._" is not a Java package: "_" is a Java keyword.',
].each { assert log.contains(it) : "the log does not say: ${it}" }
assert !log.contains('Exception:') || log.contains('[Steelmill archetype] no project generated') :
    'a refusal must be the one message, not a stack trace'
['keyword', 'digits', 'dashes', 'empty', 'jdk', 'ours', '_'].each {
  assert !new File(basedir, it).exists() : "a refused project left ${it}/ behind"
}
def project = new File(basedir, '1st-app_v2.0')
def reports = new File(project, 'target/surefire-reports').listFiles()?.findAll { it.name.endsWith('.xml') }
assert reports : 'the odd but legal project ran no test'
def xml = new groovy.xml.XmlSlurper()
assert reports.collect { xml.parse(it) }.every { it.@failures.toInteger() == 0 && it.@errors.toInteger() == 0 }
assert new File(project, 'src/main/java/org/a1/b_/c/d/e/f/g/h/i/j/k/record/var/yield/sealed/permits/module/App.java').isFile()
return true
