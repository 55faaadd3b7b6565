package archfixture.core;

/** Violation: JNA outside os.linux. */
public class CoreUsingJna {
    int lastError() {
        return com.sun.jna.Native.getLastError();
    }
}
