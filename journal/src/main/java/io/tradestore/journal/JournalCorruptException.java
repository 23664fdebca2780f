package io.tradestore.journal;

/**
 * The journal holds an entry that fails its CRC, is malformed, or breaks the contiguous sequence.
 * <p>
 * {@link #sequence()} is the sequence that was expected at the corrupt entry: everything before it is intact.
 * {@link #atTail()} tells whether the corrupt entry is the last one in the journal (a torn write, truncated on
 * recovery) or is followed by further entries (corruption in the middle, refused unless repair is requested).
 */
public final class JournalCorruptException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final long sequence;
    private final boolean atTail;

    /**
     * @param sequence expected sequence at the corrupt entry.
     * @param atTail   true when no further entry follows the corrupt one.
     * @param message  what is wrong, naming the sequence.
     */
    public JournalCorruptException(final long sequence, final boolean atTail, final String message)
    {
        super(message);
        this.sequence = sequence;
        this.atTail = atTail;
    }

    /** @return the sequence expected at the corrupt entry; every entry below it is valid. */
    public long sequence()
    {
        return sequence;
    }

    /** @return true when the corrupt entry is the last one in the journal. */
    public boolean atTail()
    {
        return atTail;
    }
}
