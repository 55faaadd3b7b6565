package dev.portwatch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that {@link ArchitectureRules} can fail: each rule runs against the planted violations in the test-only
 * package {@code archfixture} and must name the planted class. A rule that matched nothing would pass here too, so
 * each case names the very class that breaks it.
 */
class ArchitectureSelfTest {

    private static final String ROOT = "archfixture";
    private static final Map<String, Function<String, ArchRule>> RULES = Map.of(
            "layers", ArchitectureRules::layers,
            "javafx", ArchitectureRules::javaFxOnlyInUi,
            "viewmodel", ArchitectureRules::noControlsInViewModels,
            "oshi", ArchitectureRules::oshiOnlyInOsOshi,
            "jna", ArchitectureRules::jnaOnlyInOsLinux,
            "wiring", ArchitectureRules::osServicesMadeOnlyByTheWiring,
            "fxthread", ArchitectureRules::fxThreadReachedOnlyThroughUiTasks,
            "uitasks", ArchitectureRules::featuresTakeUiTasksNotAnFxExecutor);
    private static JavaClasses planted;

    @BeforeAll
    static void importPlantedViolations() {
        planted = new ClassFileImporter().importPackages(ROOT);
    }

    @ParameterizedTest(name = "{0} catches {1}")
    @CsvSource({
        "layers, archfixture.core.CoreUsingUi",
        "layers, archfixture.os.OsUsingCore",
        "layers, archfixture.cli.CliUsingUi",
        "layers, archfixture.cli.CliUsingOsImplementation",
        "layers, archfixture.model.ModelUsingCore",
        "javafx, archfixture.cli.CliCallingJavaFxByFullName",
        "viewmodel, archfixture.ui.vm.SceneInViewModel",
        "oshi, archfixture.core.CoreUsingOshi",
        "jna, archfixture.core.CoreUsingJna",
        "wiring, archfixture.ui.FeatureMakingItsOwnScanner",
        "wiring, archfixture.cli.CommandMakingItsOwnReader",
        "wiring, archfixture.ui.FeatureAskingDockerItself",
        "fxthread, archfixture.ui.FeatureCallingRunLater",
        "fxthread, archfixture.ui.vm.ViewModelTakingRunLater",
        "uitasks, archfixture.ui.FeatureTakingAnFxExecutor",
    })
    void ruleFailsOnThePlantedViolation(String rule, String violator) {
        EvaluationResult result = RULES.get(rule).apply(ROOT).evaluate(planted);

        assertThat(result.hasViolation()).as(rule + " must fail").isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(violator + ".")
                || line.contains(violator + " ") || line.contains("<" + violator + ">"));
    }

    @ParameterizedTest(name = "{0} lets the clean classes be")
    @CsvSource({"layers", "javafx", "viewmodel", "oshi", "jna", "wiring", "fxthread", "uitasks"})
    void ruleDoesNotBlameTheCleanClasses(String rule) {
        EvaluationResult result = RULES.get(rule).apply(ROOT).evaluate(planted);

        assertThat(result.getFailureReport().getDetails()).noneMatch(line ->
                line.startsWith("Class <archfixture.ui.Window>")
                        || line.contains("<archfixture.ui.tasks.")
                        || line.contains("<archfixture.os.oshi.OshiThing> calls")
                        || line.startsWith("Method <archfixture.Main."));
    }
}
