package io.tradestore.journal;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.util.List;

/**
 * Locates and damages journal entries inside the Chronicle Queue files, for the corruption tests.
 */
final class JournalFiles
{
    private JournalFiles()
    {
    }

    /** Where one entry lies: its cycle file and the offset of its first byte (our sequence field). */
    static final class Location
    {
        final File file;
        final long offset;

        Location(final File file, final long offset)
        {
            this.file = file;
            this.offset = offset;
        }
    }

    static Location locate(final File journalDirectory, final long sequence)
    {
        final long timestampNs = EventGenerator.timestampNs(sequence);
        for (final File file : TestSupport.cycleFiles(journalDirectory))
        {
            final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "cycle");
            try
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
                final int limit = buffer.capacity() - 16;
                for (int i = 0; i < limit; i++)
                {
                    if (buffer.getLong(i) == sequence && buffer.getLong(i + 8) == timestampNs)
                    {
                        return new Location(file, i);
                    }
                }
            }
            finally
            {
                IoUtil.unmap(mapped);
            }
        }
        throw new IllegalStateException("entry " + sequence + " not found in " + journalDirectory);
    }

    /** Overwrite {@code bytes.length} bytes at {@code offset} relative to the entry start. */
    static void overwrite(final Location location, final int offset, final byte[] bytes)
    {
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(location.file, "cycle");
        try
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            buffer.putBytes((int)(location.offset + offset), bytes);
            mapped.force();
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    static byte readByte(final Location location, final int offset)
    {
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(location.file, "cycle");
        try
        {
            return new UnsafeBuffer(mapped).getByte((int)(location.offset + offset));
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    static List<File> cycles(final File journalDirectory)
    {
        return TestSupport.cycleFiles(journalDirectory);
    }
}
