package io.tradestore.journal;

/**
 * The journal holds an entry that fails its CRC, is malformed, or breaks the contiguous sequence.
 * <p>
 * {@link #sequence()} is the sequence that was expected at the corrupt entry: everything before it is intact.
 * {@link #atTail()} tells whether the corrupt entry lies in the journal's last document (a torn write of the last
 * batch, truncated on recovery) or is followed by further documents (corruption in the middle, refused unless
 * repair is requested).
 */
public final class JournalCorruptException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final long sequence;
    private final boolean atTail;

    /**
     * @param sequence expected sequence at the corrupt entry.
     * @param atTail   true when no further document follows the one holding the corrupt entry.
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

    /** @return true when the corrupt entry lies in the journal's last document. */
    public boolean atTail()
    {
        return atTail;
    }
}
