package io.tradestore.journal.tool;

/**
 * Layout of {@code DATA/counters.dat}, copied from the pipeline's {@code CountersDescriptor} (journal may not
 * depend on the pipeline module). Little-endian.
 * <pre>
 *   0 magic (int64) | 8 layout version (int32) | 12 metadata length (int32) | 16 values length (int32)
 *   | 20 reserved | 24 owner pid (int64) | 32 start time ms (int64) | ... padding to 128
 *   128: Agrona CountersManager metadata buffer (metadata length), then values buffer (values length)
 * </pre>
 */
final class CountersFileDescriptor
{
    static final String FILE_NAME = "counters.dat";
    static final long MAGIC = 0x5453_434E_5452_5331L;
    static final int LAYOUT_VERSION = 1;
    static final int HEADER_LENGTH = 128;
    static final int MAGIC_OFFSET = 0;
    static final int LAYOUT_VERSION_OFFSET = 8;
    static final int METADATA_LENGTH_OFFSET = 12;
    static final int VALUES_LENGTH_OFFSET = 16;
    static final int PID_OFFSET = 24;
    static final int START_TIME_OFFSET = 32;

    private CountersFileDescriptor()
    {
    }
}
