package archfixture.core;

/** A clean core service. */
public class Service {
}
