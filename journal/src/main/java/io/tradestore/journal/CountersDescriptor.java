package io.tradestore.journal;

/**
 * Layout of {@code DATA/counters.dat}, the store's counters readable by another process while it runs (Agrona
 * counters, as Aeron's CnC file). Written by the pipeline, read by the {@code stat} tool; it lives here, below both.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                         magic (int64)                         |
 *  |      layout version (int32)    |   metadata length (int32)    |
 *  |      values length (int32)     |   reserved (int32)           |
 *  |                   owner pid (int64)                           |
 *  |                   start time, ms since epoch (int64)          |
 *  |              ... padding to 128 bytes ...                     |
 *  +---------------------------------------------------------------+
 *  |  Agrona CountersManager metadata buffer (metadata length)     |
 *  +---------------------------------------------------------------+
 *  |  Agrona CountersManager values buffer (values length)         |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class CountersDescriptor
{
    /** Name of the counters file in the data directory. */
    public static final String FILE_NAME = "counters.dat";
    /** Magic number at offset 0. */
    public static final long MAGIC = 0x5453_434E_5452_5331L;
    /** Layout version. */
    public static final int LAYOUT_VERSION = 1;
    /** Header length in bytes. */
    public static final int HEADER_LENGTH = 128;
    /** Offset of the magic number. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the layout version. */
    public static final int LAYOUT_VERSION_OFFSET = 8;
    /** Offset of the metadata buffer length. */
    public static final int METADATA_LENGTH_OFFSET = 12;
    /** Offset of the values buffer length. */
    public static final int VALUES_LENGTH_OFFSET = 16;
    /** Offset of the owner process id. */
    public static final int PID_OFFSET = 24;
    /** Offset of the start time. */
    public static final int START_TIME_OFFSET = 32;
    /** Maximum number of counters. */
    public static final int MAX_COUNTERS = 128;
    /** Values buffer length: one 128-byte record per counter. */
    public static final int VALUES_LENGTH = MAX_COUNTERS * 128;
    /** Metadata buffer length: one 512-byte record per counter. */
    public static final int METADATA_LENGTH = MAX_COUNTERS * 512;
    /** Total file length. */
    public static final int FILE_LENGTH = HEADER_LENGTH + METADATA_LENGTH + VALUES_LENGTH;

    private CountersDescriptor()
    {
    }
}
