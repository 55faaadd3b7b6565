package archfixture.model;

/** Violation: the model depending on a layer of ours. */
public record ModelUsingCore(archfixture.core.Service service) {
}
