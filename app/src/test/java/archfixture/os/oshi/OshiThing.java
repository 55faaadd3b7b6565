package archfixture.os.oshi;

/** A clean OS implementation: OSHI is allowed here. */
public class OshiThing {
    Object system() {
        return new oshi.SystemInfo();
    }
}
