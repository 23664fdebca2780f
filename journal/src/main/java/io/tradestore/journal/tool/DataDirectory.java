package io.tradestore.journal.tool;

import io.tradestore.core.StoreException;
import io.tradestore.journal.StoreCapacities;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A tradestore data directory as the tools see it, read-only: {@code journal/}, {@code store/meta.dat},
 * {@code store/capacities.dat} ({@link StoreCapacities}), {@code snapshots/} and {@code counters.dat}.
 * <p>
 * The meta and snapshot-header layouts are copied here from the journal package's package-private
 * {@code StoreMeta} and {@code SnapshotDescriptor}; they are read, never written.
 * <pre>
 *   meta.dat (64): 0 magic | 8 version (int32) | 12 clean (int32) | 16 last applied sequence | 24 last timestamp ns
 *                  | 32 digest | 40 reserved (16) | 56 CRC32C of [0, 56) | 60 pad
 *   snapshot-&lt;20-digit sequence&gt;.bin header (64): 0 magic | 8 version | 12 md count | 16 sequence
 *                  | 24 timestamp ns | 32 digest | 40 order count | 48 position count | 56 body CRC | 60 header CRC of [0, 60)
 * </pre>
 */
final class DataDirectory
{
    static final long META_MAGIC = 0x5453_4D45_5441_0001L;
    static final int META_VERSION = 1;
    static final int META_LENGTH = 64;
    static final int META_CRC_OFFSET = 56;

    static final long SNAPSHOT_MAGIC = 0x3130_5041_4E53_5354L;
    static final int SNAPSHOT_VERSION = 1;
    static final int SNAPSHOT_HEADER_LENGTH = 64;
    static final int SNAPSHOT_HEADER_CRC_OFFSET = 60;
    static final String SNAPSHOT_PREFIX = "snapshot-";
    static final String SNAPSHOT_SUFFIX = ".bin";

    final File root;
    final File journal;
    final File store;
    final File snapshots;

    private DataDirectory(final File root)
    {
        this.root = root;
        this.journal = new File(root, "journal");
        this.store = new File(root, "store");
        this.snapshots = new File(root, "snapshots");
    }

    /**
     * @param root the {@code --data} argument.
     * @return the directory, checked to exist and to hold a journal.
     * @throws ToolException when it does not.
     */
    static DataDirectory open(final File root)
    {
        if (root == null)
        {
            throw new ToolException("--data DIR is required");
        }
        if (!root.exists())
        {
            throw new ToolException("data directory does not exist: " + root);
        }
        if (!root.isDirectory())
        {
            throw new ToolException("not a directory: " + root);
        }
        final DataDirectory data = new DataDirectory(root);
        final String[] cycles = data.journal.list((dir, name) -> name.endsWith(".cq4"));
        if (!data.journal.isDirectory() || cycles == null || cycles.length == 0)
        {
            throw new ToolException("not a tradestore data directory (no journal/*.cq4): " + root);
        }
        return data;
    }

    /**
     * The capacities the store was created with, which a replay must use to reproduce its outcomes.
     *
     * @param assumed capacities to use when the directory records none (written before they were recorded).
     * @param err     receives one {@code tool: note: ...} line when {@code assumed} is used.
     * @param tool    the tool's name, for that line.
     * @return the recorded capacities, else {@code assumed}.
     * @throws ToolException when the capacities file exists but is unreadable or invalid.
     */
    StoreCapacities capacities(final StoreCapacities assumed, final PrintStream err, final String tool)
    {
        final StoreCapacities recorded;
        try
        {
            recorded = StoreCapacities.read(store);
        }
        catch (final StoreException ex)
        {
            throw new ToolException(ex.getMessage());
        }
        if (recorded != null)
        {
            return recorded;
        }
        err.println(tool + ": note: " + new File(store, StoreCapacities.FILE_NAME) + " is absent (data written " +
            "before capacities were recorded); replaying with " + assumed);
        return assumed;
    }

    /** The meta file's fields. */
    static final class Meta
    {
        final boolean clean;
        final long lastAppliedSequence;
        final long lastTimestampNs;
        final long digest;

        Meta(final boolean clean, final long lastAppliedSequence, final long lastTimestampNs, final long digest)
        {
            this.clean = clean;
            this.lastAppliedSequence = lastAppliedSequence;
            this.lastTimestampNs = lastTimestampNs;
            this.digest = digest;
        }
    }

    /** @return the meta file, or null when absent or failing its checks. */
    Meta readMeta()
    {
        final byte[] bytes = readFile(new File(store, "meta.dat"), META_LENGTH);
        if (bytes == null)
        {
            return null;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        if (buffer.getLong(0) != META_MAGIC || buffer.getInt(8) != META_VERSION ||
            buffer.getInt(META_CRC_OFFSET) != crc(bytes, META_CRC_OFFSET))
        {
            return null;
        }
        return new Meta(buffer.getInt(12) == 1, buffer.getLong(16), buffer.getLong(24), buffer.getLong(32));
    }

    /** A snapshot header that passed its CRC. */
    static final class SnapshotHeader
    {
        final File file;
        final long sequence;
        final long digest;

        SnapshotHeader(final File file, final long sequence, final long digest)
        {
            this.file = file;
            this.sequence = sequence;
            this.digest = digest;
        }
    }

    /** @return the valid snapshot headers, ascending by sequence; files with a bad header are skipped. */
    List<SnapshotHeader> snapshotHeaders()
    {
        final List<SnapshotHeader> headers = new ArrayList<>();
        final File[] files = snapshots.listFiles((dir, name) -> name.startsWith(SNAPSHOT_PREFIX) &&
            name.endsWith(SNAPSHOT_SUFFIX));
        if (files == null)
        {
            return headers;
        }
        for (final File file : files)
        {
            final byte[] bytes = readPrefix(file, SNAPSHOT_HEADER_LENGTH);
            if (bytes == null)
            {
                continue;
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            if (buffer.getLong(0) == SNAPSHOT_MAGIC && buffer.getInt(8) == SNAPSHOT_VERSION &&
                buffer.getInt(SNAPSHOT_HEADER_CRC_OFFSET) == crc(bytes, SNAPSHOT_HEADER_CRC_OFFSET))
            {
                headers.add(new SnapshotHeader(file, buffer.getLong(16), buffer.getLong(32)));
            }
        }
        headers.sort((a, b) -> Long.compare(a.sequence, b.sequence));
        return headers;
    }

    private static int crc(final byte[] bytes, final int length)
    {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int)crc.getValue();
    }

    private static byte[] readFile(final File file, final int expectedLength)
    {
        if (!file.isFile() || file.length() != expectedLength)
        {
            return null;
        }
        try
        {
            return Files.readAllBytes(file.toPath());
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private static byte[] readPrefix(final File file, final int length)
    {
        if (!file.isFile() || file.length() < length)
        {
            return null;
        }
        try (InputStream in = Files.newInputStream(file.toPath()))
        {
            final byte[] bytes = in.readNBytes(length);
            return bytes.length == length ? bytes : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }
}
