package io.tradestore.journal.tool;

import io.tradestore.core.StateDigest;
import io.tradestore.journal.JournalReader;
import io.tradestore.journal.StoreMeta;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import static io.tradestore.journal.CountersDescriptor.*;

/**
 * {@code stat}: the counters of a running or stopped store ({@code DATA/counters.dat}, mapped read-only and read
 * with Agrona's {@link CountersReader}), the meta file (last applied sequence, clean flag, digest) and the
 * journal's last sequence. A missing counters file is reported, not an error. Read-only. Single thread.
 */
public final class StatTool
{
    /** Typed options of {@code stat}. Not thread safe. */
    public static final class Options
    {
        private File data;

        /**
         * @param data the data directory ({@code --data}); required.
         * @return this.
         */
        public Options data(final File data)
        {
            this.data = data;
            return this;
        }
    }

    private final Options options;

    /**
     * @param options read when {@link #run} is called.
     */
    public StatTool(final Options options)
    {
        this.options = options;
    }

    /**
     * Print the statistics.
     *
     * @param out receives one {@code name: value} line per item.
     * @param err receives one line on error.
     * @return {@link ToolExit#OK} or {@link ToolExit#ERROR}.
     */
    public int run(final PrintStream out, final PrintStream err)
    {
        try
        {
            final DataDirectory data = DataDirectory.open(options.data);
            final StringBuilder b = new StringBuilder(4096);
            printCounters(data, b);
            final StoreMeta meta = data.readMeta();
            if (meta == null)
            {
                b.append("meta: absent or unreadable\n");
            }
            else
            {
                b.append("meta.clean: ").append(meta.clean()).append('\n')
                    .append("meta.lastAppliedSequence: ").append(meta.lastAppliedSequence()).append('\n')
                    .append("meta.lastTimestamp: ").append(TimeFormat.format(meta.lastTimestampNs())).append('\n')
                    .append("meta.digest: ").append(meta.clean() ? StateDigest.toHex(meta.digest()) : "n/a")
                    .append('\n');
            }
            b.append("journal.lastSequence: ").append(journalLastSequence(data)).append('\n');
            out.append(b);
            out.flush();
            return ToolExit.OK;
        }
        catch (final ToolException ex)
        {
            out.flush();
            err.println("stat: " + ex.getMessage());
            return ToolExit.ERROR;
        }
    }

    private static String journalLastSequence(final DataDirectory data)
    {
        try (JournalReader reader = JournalReader.open(data.journal))
        {
            final long last = reader.lastSequence();
            return last < 0 ? "last entry fails its CRC (torn or corrupt)" : Long.toString(last);
        }
        catch (final RuntimeException ex)
        {
            throw new ToolException("cannot read journal " + data.journal + ": " + ex.getMessage());
        }
    }

    private static void printCounters(final DataDirectory data, final StringBuilder b)
    {
        final File file = new File(data.root, FILE_NAME);
        if (!file.isFile())
        {
            b.append("counters: none (").append(file).append(" absent)\n");
            return;
        }
        MappedByteBuffer mapped = null;
        try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.READ))
        {
            final long length = channel.size();
            if (length < HEADER_LENGTH)
            {
                throw new ToolException("counters file too short (" + length + " bytes): " + file);
            }
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, length);
            final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
            final int metadataLength = header.getInt(METADATA_LENGTH_OFFSET);
            final int valuesLength = header.getInt(VALUES_LENGTH_OFFSET);
            if (header.getLong(MAGIC_OFFSET) != MAGIC || header.getInt(LAYOUT_VERSION_OFFSET) != LAYOUT_VERSION ||
                metadataLength <= 0 || valuesLength <= 0 || HEADER_LENGTH + (long)metadataLength + valuesLength > length)
            {
                throw new ToolException("not a tradestore counters file (bad magic, version or lengths): " + file);
            }
            b.append("counters.pid: ").append(header.getLong(PID_OFFSET)).append('\n')
                .append("counters.started: ").append(Instant.ofEpochMilli(header.getLong(START_TIME_OFFSET)))
                .append('\n');
            final CountersReader reader = new CountersReader(
                new UnsafeBuffer(mapped, HEADER_LENGTH, metadataLength),
                new UnsafeBuffer(mapped, HEADER_LENGTH + metadataLength, valuesLength));
            reader.forEach((counterId, typeId, keyBuffer, label) ->
                b.append(label).append(": ").append(reader.getCounterValue(counterId)).append('\n'));
        }
        catch (final IOException ex)
        {
            throw new ToolException("cannot read counters file " + file + ": " + ex.getMessage());
        }
        finally
        {
            if (mapped != null)
            {
                IoUtil.unmap(mapped);
            }
        }
    }
}
