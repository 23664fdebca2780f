package io.tradestore.journal.tool;

import io.tradestore.core.StoreException;
import io.tradestore.journal.SnapshotLoader;
import io.tradestore.journal.StoreCapacities;
import io.tradestore.journal.StoreMeta;

import java.io.File;
import java.io.PrintStream;
import java.util.List;

/**
 * A tradestore data directory as the tools see it, read-only: {@code journal/}, {@code store/meta.dat},
 * {@code store/capacities.dat} ({@link StoreCapacities}), {@code snapshots/} and {@code counters.dat}.
 * <p>
 * The meta file and the snapshot headers are read through the journal's own readers ({@link StoreMeta#read},
 * {@link SnapshotLoader#headers}), never written.
 */
final class DataDirectory
{
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

    /** @return the meta file, or null when absent or failing its checks. */
    StoreMeta readMeta()
    {
        return StoreMeta.read(store);
    }

    /** @return the valid snapshot headers, ascending by sequence; files with a bad header are skipped. */
    List<SnapshotLoader.Header> snapshotHeaders()
    {
        return SnapshotLoader.headers(snapshots);
    }
}
