package io.tradestore.pipeline;

/**
 * Negative results of publishing an event; a positive result is the store sequence assigned to the event.
 */
public final class PublishStatus
{
    /** The ring is full: nothing was published, try again later. */
    public static final long BACK_PRESSURED = -1;
    /** The store halted after a fatal error, or refuses events (disk full): nothing was published. */
    public static final long HALTED = -2;
    /** The message is not a valid state-changing SBE message: nothing was published. */
    public static final long INVALID_MESSAGE = -3;
    /** The store is closed or closing. */
    public static final long CLOSED = -4;
    /** The journal's disk is below its free-space reserve: nothing was published; retry when space returns. */
    public static final long DISK_FULL = -5;

    private PublishStatus()
    {
    }

    /**
     * @param status a negative publish result.
     * @return its name.
     */
    public static String describe(final long status)
    {
        if (status == BACK_PRESSURED)
        {
            return "BACK_PRESSURED";
        }
        if (status == HALTED)
        {
            return "HALTED";
        }
        if (status == INVALID_MESSAGE)
        {
            return "INVALID_MESSAGE";
        }
        if (status == CLOSED)
        {
            return "CLOSED";
        }
        if (status == DISK_FULL)
        {
            return "DISK_FULL";
        }
        return status > 0 ? "PUBLISHED" : "UNKNOWN(" + status + ")";
    }
}
