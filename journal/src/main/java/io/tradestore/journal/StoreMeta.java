package io.tradestore.journal;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The store's meta file ({@code DATA/store/meta.dat}): whether the last run shut down cleanly, the last applied
 * sequence and the state digest at that point. Written through a temporary file, forced, then renamed over the
 * old one, so it is always either the old or the new version.
 * <pre>
 *   0  magic (int64)            8  version (int32)      12  clean flag (int32, 1 = clean)
 *   16 last applied sequence    24 last timestamp ns    32  state digest (int64)
 *   40 reserved (16 bytes)      56 CRC32C of [0, 56)    60  padding to 64
 * </pre>
 */
public final class StoreMeta
{
    static final String FILE_NAME = "meta.dat";
    static final long MAGIC = 0x5453_4D45_5441_0001L;
    static final int VERSION = 1;
    static final int LENGTH = 64;
    private static final int CRC_OFFSET = 56;

    final boolean clean;
    final long lastAppliedSequence;
    final long lastTimestampNs;
    final long digest;

    StoreMeta(final boolean clean, final long lastAppliedSequence, final long lastTimestampNs, final long digest)
    {
        this.clean = clean;
        this.lastAppliedSequence = lastAppliedSequence;
        this.lastTimestampNs = lastTimestampNs;
        this.digest = digest;
    }

    /**
     * Read-only; for the engine and the audit tools alike.
     *
     * @param storeDirectory the {@code DATA/store} directory.
     * @return the meta of the store directory, or null when absent or unreadable.
     */
    public static StoreMeta read(final File storeDirectory)
    {
        final File file = new File(storeDirectory, FILE_NAME);
        if (!file.isFile() || file.length() != LENGTH)
        {
            return null;
        }
        try
        {
            final byte[] bytes = Files.readAllBytes(file.toPath());
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            if (buffer.getLong(0) != MAGIC || buffer.getInt(8) != VERSION ||
                buffer.getInt(CRC_OFFSET) != FileSupport.crc32c(bytes, CRC_OFFSET))
            {
                return null;
            }
            return new StoreMeta(buffer.getInt(12) == 1, buffer.getLong(16), buffer.getLong(24), buffer.getLong(32));
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /** @return true when the store was shut down cleanly and its files match {@link #lastAppliedSequence()}. */
    public boolean clean()
    {
        return clean;
    }

    /** @return the last sequence applied to the store files. */
    public long lastAppliedSequence()
    {
        return lastAppliedSequence;
    }

    /** @return ingest timestamp of that event, ns since the epoch. */
    public long lastTimestampNs()
    {
        return lastTimestampNs;
    }

    /** @return the state digest written at a clean shutdown; 0 otherwise. */
    public long digest()
    {
        return digest;
    }

    void write(final File storeDirectory)
    {
        final byte[] bytes = new byte[LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putLong(0, MAGIC);
        buffer.putInt(8, VERSION);
        buffer.putInt(12, clean ? 1 : 0);
        buffer.putLong(16, lastAppliedSequence);
        buffer.putLong(24, lastTimestampNs);
        buffer.putLong(32, digest);
        buffer.putInt(CRC_OFFSET, FileSupport.crc32c(bytes, CRC_OFFSET));

        FileSupport.writeAtomically(storeDirectory, FILE_NAME, bytes);
    }

    @Override
    public String toString()
    {
        return "StoreMeta{clean=" + clean + ", lastAppliedSequence=" + lastAppliedSequence + ", digest=" +
            Long.toHexString(digest) + '}';
    }
}
