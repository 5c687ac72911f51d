package io.qless.test.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Checks the package structure of the test support: no package cycles, and the runtime
 * classes apart from their auto-configuration.
 */
class PackageStructureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.qless.test");

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("io.qless.test.(**)").should().beFreeOfCycles().check(classes);
	}

	@Test
	void runtimeCodeDoesNotDependOnAutoConfiguration() {
		noClasses().that()
			.resideOutsideOfPackage("io.qless.test.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.qless.test.autoconfigure..")
			.check(classes);
	}

	@Test
	void redisSupportDependsOnNothingOfQless() {
		noClasses().that()
			.resideInAPackage("io.qless.test")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.qless.core..", "io.qless.listener..", "io.qless.test.jobs..",
					"io.qless.test.autoconfigure..")
			.check(classes);
	}

}
