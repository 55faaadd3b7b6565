package archfixture;

/** A clean entry point: it may use every layer. */
public final class Main {
    private Main() {
    }

    static Object wire() {
        return new archfixture.ui.Window(new archfixture.core.Service(), new archfixture.os.oshi.OshiThing());
    }
}
