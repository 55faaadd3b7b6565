package dev.portwatch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the package rules of STYLE.md true for portwatch's production classes (bytecode, not source lines). */
class ArchitectureTest {

    private static final String ROOT = "dev.portwatch";
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
    }

    @Test
    void theImportSeesEveryLayer() {
        for (String pkg : new String[] {"ui", "cli", "core", "os", "os.oshi", "os.linux", "model"}) {
            assertThat(production.containPackage(ROOT + "." + pkg)).as(pkg).isTrue();
        }
        assertThat(production.contain(ROOT + ".Main")).isTrue();
    }

    @TestFactory
    Stream<DynamicTest> productionCodeKeepsEveryRule() {
        return ArchitectureRules.all(ROOT).stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> check(rule)));
    }

    private static void check(ArchRule rule) {
        rule.check(production);
    }
}
