package dev.portwatch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import com.tngtech.archunit.library.Architectures;

import java.util.List;
import java.util.concurrent.Executor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The package rules of STYLE.md as ArchUnit rules over bytecode, so a fully qualified name counts as much as an
 * import. Built for a root package so that {@link ArchitectureSelfTest} can run the very same rules against planted
 * violations in a package of their own.
 *
 * <p>The OS layer has two parts: its contract (the interfaces, exceptions and small readers in {@code os} itself,
 * which the layers above name as types) and its implementations ({@code os.linux}, {@code os.oshi}), which only the
 * contract's factory and the entry point's wiring may touch.
 */
final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** Every rule, for the packages under {@code root}. */
    static List<ArchRule> all(String root) {
        return List.of(layers(root), javaFxOnlyInUi(root), noControlsInViewModels(root), oshiOnlyInOsOshi(root),
                jnaOnlyInOsLinux(root), osServicesMadeOnlyByTheWiring(root), fxThreadReachedOnlyThroughUiTasks(root),
                featuresTakeUiTasksNotAnFxExecutor(root));
    }

    /**
     * ui and cli are used only by the entry point; core only by ui, cli and the entry point; the OS contract by the
     * layers above it; the OS implementations only by the contract (its factory); the model depends on nothing of
     * ours.
     */
    static Architectures.LayeredArchitecture layers(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Entry").definedBy(root)
                .layer("Ui").definedBy(root + ".ui..")
                .layer("Cli").definedBy(root + ".cli..")
                .layer("Core").definedBy(root + ".core..")
                .layer("OsContract").definedBy(root + ".os")
                .layer("OsImplementations").definedBy(root + ".os.linux..", root + ".os.oshi..")
                .layer("Model").definedBy(root + ".model..")
                .whereLayer("Ui").mayOnlyBeAccessedByLayers("Entry")
                .whereLayer("Cli").mayOnlyBeAccessedByLayers("Entry")
                .whereLayer("Core").mayOnlyBeAccessedByLayers("Ui", "Cli", "Entry")
                .whereLayer("OsContract").mayOnlyBeAccessedByLayers("Core", "Ui", "Cli", "Entry",
                        "OsImplementations")
                .whereLayer("OsImplementations").mayOnlyBeAccessedByLayers("OsContract", "Entry")
                .whereLayer("Model").mayNotAccessAnyLayer()
                .ensureAllClassesAreContainedInArchitecture()
                .as("portwatch's layers (STYLE.md: ui -> core -> model, os behind core, cli beside ui)");
    }

    /** JavaFX and ControlsFX only in ui: the command line must run with no display and no JavaFX natives. */
    static ArchRule javaFxOnlyInUi(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .as("JavaFX only in ui");
    }

    /** A view model owns lists and properties, never controls, so it runs in plain JUnit. */
    static ArchRule noControlsInViewModels(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .as("no javafx.scene in a *ViewModel");
    }

    /** OSHI is one implementation of the OS boundary; its sentinels are turned into optionals there. */
    static ArchRule oshiOnlyInOsOshi(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".os.oshi..")
                .should().dependOnClassesThat().resideInAPackage("oshi..")
                .as("OSHI only in os.oshi");
    }

    /**
     * The OS services (scanners, the process reader, the connection closer, the docker client) are made by the
     * entry point's wiring only: the window's composition root, {@code Main} for the command line (which hands them to
     * {@code PortwatchCommand}) and the privileged helper's root (plus {@code bench}, which compares scanners), so
     * no feature and no subcommand builds one of its own.
     */
    static ArchRule osServicesMadeOnlyByTheWiring(String root) {
        DescribedPredicate<JavaAccess<?>> dockerClient = DescribedPredicate.describe("DockerContainers.system()",
                access -> access.getTargetOwner().getFullName().equals(root + ".os.DockerContainers")
                        && access.getName().equals("system"));
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackages(root, root + ".os")
                .and().doNotHaveFullyQualifiedName(root + ".ui.PortwatchApp")
                .and().doNotHaveFullyQualifiedName(root + ".cli.BenchCommand")
                // The privileged helper is its own process: HelperMain is that process's composition root.
                .and().doNotHaveFullyQualifiedName(root + ".core.helper.HelperMain")
                .should().dependOnClassesThat().haveFullyQualifiedName(root + ".os.Scanners")
                .orShould().accessTargetWhere(dockerClient)
                .as("OS services made only by the wiring");
    }

    /**
     * Results reach the JavaFX thread one way: through {@code ui.tasks.UiTasks}, which the composition root builds
     * on {@code Platform::runLater} and hands to the features, so tests swap it for {@code UiTasks.direct()}. A call
     * and a method reference count alike.
     */
    static ArchRule fxThreadReachedOnlyThroughUiTasks(String root) {
        DescribedPredicate<JavaAccess<?>> runLater = DescribedPredicate.describe("Platform.runLater",
                access -> access.getTargetOwner().getFullName().equals("javafx.application.Platform")
                        && access.getName().equals("runLater"));
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".ui.tasks..")
                .and().doNotHaveFullyQualifiedName(root + ".ui.PortwatchApp")
                .should().accessTargetWhere(runLater)
                .as("Platform.runLater only in ui.tasks and the composition root");
    }

    /**
     * A feature takes its "off the FX thread, back on it" as one {@code UiTasks}, never as a bare {@code Executor}
     * standing for the JavaFX thread: the composition root builds {@code UiTasks} and tests pass
     * {@code UiTasks.direct()}. A plain executor is allowed only next to a {@code UiTasks} (then it runs blocking
     * loops, such as an SSH session's reader, never results); scheduled executors (polling) are another type.
     */
    static ArchRule featuresTakeUiTasksNotAnFxExecutor(String root) {
        String uiTasks = root + ".ui.tasks.UiTasks";
        DescribedPredicate<JavaCodeUnit> executorWithoutUiTasks = DescribedPredicate.describe(
                "take a plain Executor without a UiTasks", unit -> {
                    var types = unit.getRawParameterTypes();
                    return types.stream().anyMatch(type -> type.isEquivalentTo(Executor.class))
                            && types.stream().noneMatch(type -> type.getFullName().equals(uiTasks));
                });
        return noCodeUnits().that().areDeclaredInClassesThat().resideInAPackage(root + ".ui..")
                .and().areDeclaredInClassesThat().resideOutsideOfPackage(root + ".ui.tasks..")
                .and().areDeclaredInClassesThat().doNotHaveFullyQualifiedName(root + ".ui.PortwatchApp")
                .and().arePublic()
                .should(ArchConditions.be(executorWithoutUiTasks))
                .as("ui features take UiTasks, not an Executor for the JavaFX thread");
    }

    /** Native calls (netlink through JNA) stay in the Linux implementation. */
    static ArchRule jnaOnlyInOsLinux(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".os.linux..")
                .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
                .as("JNA only in os.linux");
    }
}
