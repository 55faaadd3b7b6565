package dev.portwatch.ui.tray;

/** The worst state among the watched ports, which the tray icon shows; declared from best to worst. */
public enum TrayLevel {
    /** Nothing watched is held (or nothing is watched). */
    FREE("all watched ports free", 0x8b949e),
    /** Watched ports are held by what was expected. */
    IN_USE("watched ports in use", 0x2da44e),
    /** A watched port is held by something unexpected, or by two processes. */
    CONFLICT("conflict on a watched port", 0xd29922),
    /** A watched port's holder is a debug or remote-code endpoint reachable from the network. */
    CRITICAL("critical exposure on a watched port", 0xcf222e);

    private final String summary;
    private final int rgb;

    TrayLevel(String summary, int rgb) {
        this.summary = summary;
        this.rgb = rgb;
    }

    /** A few words for the tooltip. */
    public String summary() {
        return summary;
    }

    /** The icon's colour as 0xRRGGBB, readable on light and dark panels alike. */
    public int rgb() {
        return rgb;
    }

    /** The worse of two levels. */
    public TrayLevel worse(TrayLevel other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
