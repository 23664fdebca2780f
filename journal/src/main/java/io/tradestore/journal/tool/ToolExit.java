package io.tradestore.journal.tool;

/**
 * Exit codes shared by the tools.
 */
public final class ToolExit
{
    /** Success; for verify: the digests are equal. */
    public static final int OK = 0;
    /** Verify only: the rebuilt state differs from the live store. */
    public static final int DIFFERENT = 1;
    /** Bad arguments, unusable data directory, corrupt journal or I/O failure. */
    public static final int ERROR = 2;

    private ToolExit()
    {
    }
}
