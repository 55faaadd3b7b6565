package archfixture.ui;

/** Violation: a feature building its own scanner instead of getting one from the composition root. */
public class FeatureMakingItsOwnScanner {
    Object scanner() {
        return archfixture.os.Scanners.create();
    }
}
