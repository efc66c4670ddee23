package io.stagegate.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Domain code is pure Java: no AWS, no JSON/YAML libraries, no handlers or adapters. */
@AnalyzeClasses(packages = "io.stagegate", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainArchitectureTest {

    @ArchTest
    static final ArchRule domainUsesNoFrameworks = noClasses().that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..",
                    "com.fasterxml..", "com.networknt..", "org.slf4j..")
            .because("domain code is tested without AWS and loads no JSON/YAML itself");

    @ArchTest
    static final ArchRule domainDependsOnlyOnDomainAndJava = classes().that().resideInAPackage("io.stagegate..domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.stagegate..domain..", "java..")
            .because("handlers and adapters depend on the domain, never the other way round");
}
