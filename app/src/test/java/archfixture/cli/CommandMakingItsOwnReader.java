package archfixture.cli;

/** Violation: a subcommand making its own OS service instead of getting it from the entry point's wiring. */
public class CommandMakingItsOwnReader {
    Object processes() {
        return archfixture.os.Scanners.create();
    }
}
