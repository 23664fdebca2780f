package io.tradestore.journal;

/**
 * Layout of one journal entry. Little-endian. A Chronicle Queue document holds one or more entries back to back
 * (the entries of one batch, see {@link JournalWriter}), at most {@link #MAX_DOCUMENT_LENGTH} bytes in all; the
 * first entry of a document starts at its first byte. A journal written one entry per document (before batches
 * shared a document) is the special case of one entry each and reads the same.
 * <pre>
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +---------------------------------------------------------------+
 *   |                     sequence (int64)                          |  0
 *   |                                                               |
 *   +---------------------------------------------------------------+
 *   |                   ingest timestamp ns (int64)                 |  8
 *   |                                                               |
 *   +---------------------------------------------------------------+
 *   |  CRC32C (int32) over bytes [0, 16) then the message bytes     | 16
 *   +---------------------------------------------------------------+
 *   |                  message length (int32)                       | 20
 *   +---------------------------------------------------------------+
 *   |               SBE message (header + body) ...                ...  24
 *   +---------------------------------------------------------------+
 * </pre>
 * Chronicle Queue frames the document with its own 4-byte header (length + "complete" bit), so the entries of a
 * document whose write never completed are invisible to readers. The CRC catches what Chronicle cannot: bytes that never reached
 * the disk or were damaged after the header was committed. The sequence is the store's own, contiguous from
 * {@link #FIRST_SEQUENCE}: a gap is corruption.
 */
public final class JournalDescriptor
{
    /** Offset of the store sequence. */
    public static final int SEQUENCE_OFFSET = 0;
    /** Offset of the ingest timestamp. */
    public static final int TIMESTAMP_OFFSET = 8;
    /** Offset of the CRC32C. */
    public static final int CRC_OFFSET = 16;
    /** Offset of the message length. */
    public static final int LENGTH_OFFSET = 20;
    /** Length of the entry header; the SBE message starts here. */
    public static final int HEADER_LENGTH = 24;
    /** Largest SBE message a journal entry may carry. */
    public static final int MAX_MESSAGE_LENGTH = 64 * 1024;
    /**
     * Largest Chronicle document the writer produces: one entry of the largest message, or as many smaller entries
     * as fit. Keeps every document within what a single entry could already need.
     */
    public static final int MAX_DOCUMENT_LENGTH = HEADER_LENGTH + MAX_MESSAGE_LENGTH;
    /** Sequence of the first event ever journaled. */
    public static final long FIRST_SEQUENCE = 1;
    /** Chronicle Queue's own per-document header, counted in {@link JournalWriter#bytesWritten()}. */
    public static final int CHRONICLE_HEADER_LENGTH = 4;

    private JournalDescriptor()
    {
    }
}
