package archfixture.os;

/** Violation: the OS layer depending on core, the layer above it. */
public class OsUsingCore {
    Object service() {
        return new archfixture.core.Service();
    }
}
