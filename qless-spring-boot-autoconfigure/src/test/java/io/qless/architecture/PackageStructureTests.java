package io.qless.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Checks the package structure of the production code: no package cycles, and the
 * layering that keeps what a handler author imports apart from the machinery.
 */
class PackageStructureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.qless");

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("io.qless.(**)").should().beFreeOfCycles().check(classes);
	}

	@Test
	void handlerApiDependsOnlyOnTheClient() {
		noClasses().that()
			.resideInAPackage("io.qless.handler..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.qless.listener..", "io.qless.annotation..", "io.qless.autoconfigure..",
					"io.qless.producer..")
			.check(classes);
	}

	@Test
	void runtimeCodeDoesNotDependOnAutoConfiguration() {
		noClasses().that()
			.resideOutsideOfPackage("io.qless.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.qless.autoconfigure..")
			.check(classes);
	}

	@Test
	void clientDoesNotDependOnContainers() {
		noClasses().that()
			.resideInAPackage("io.qless.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.qless.listener..", "io.qless.annotation..", "io.qless.handler..")
			.check(classes);
	}

}
