package dev.portwatch.model;

/**
 * Why a socket has no known owner: each case has its own remedy, so portwatch says which one it is.
 */
public enum UnknownOwner {

    /** A process that held it exited while the scan looked for it (common under churn); gone by the next scan. */
    EXITED("its owner exited during the scan"),
    /**
     * No process holds it: a TCP socket in TIME_WAIT or another closing state (the kernel keeps it after the
     * process closed it), or a socket in flight between processes or orphaned.
     */
    NO_PROCESS("no process owns it (TIME_WAIT or orphaned)"),
    /** Another user's process, which the OS does not show to a normal user. */
    OTHER_USER("another user's process"),
    /** A process the OS would not let portwatch inspect even with elevated rights (a security module, say). */
    PROTECTED("a process the OS protects");

    private final String clause;

    UnknownOwner(String clause) {
        this.clause = clause;
    }

    /** A clause for a sentence: {@code "no process owns it (TIME_WAIT or orphaned)"}. */
    public String clause() {
        return clause;
    }
}
