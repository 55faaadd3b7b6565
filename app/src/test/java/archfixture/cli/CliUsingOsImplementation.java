package archfixture.cli;

/** Violation: cli building an OS implementation itself instead of getting it from the wiring. */
public class CliUsingOsImplementation {
    Object scanner() {
        return new archfixture.os.oshi.OshiThing();
    }
}
