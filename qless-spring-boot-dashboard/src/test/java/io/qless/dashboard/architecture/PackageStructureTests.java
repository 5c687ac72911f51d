package io.qless.dashboard.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dashboard's packages: no cycles; the reads and actions know nothing of the web; only
 * the auto-configuration knows Spring Security.
 */
class PackageStructureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.qless.dashboard");

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("io.qless.dashboard.(**)").should().beFreeOfCycles().check(classes);
	}

	@Test
	void dataDoesNotDependOnTheWeb() {
		noClasses().that()
			.resideInAPackage("io.qless.dashboard.data..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.qless.dashboard.web..", "io.qless.dashboard.autoconfigure..", "jakarta.servlet..",
					"org.springframework.web..")
			.check(classes);
	}

	@Test
	void runtimeCodeDoesNotDependOnAutoConfiguration() {
		noClasses().that()
			.resideOutsideOfPackage("io.qless.dashboard.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.qless.dashboard.autoconfigure..", "io.qless.autoconfigure..")
			.check(classes);
	}

	@Test
	void onlyTheAutoConfigurationKnowsSpringSecurity() {
		noClasses().that()
			.resideOutsideOfPackage("io.qless.dashboard.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.security..")
			.check(classes);
	}

}
