package archfixture.core;

/** Violation: OSHI outside os.oshi. */
public class CoreUsingOshi {
    Object system() {
        return new oshi.SystemInfo();
    }
}
