package io.tradestore.journal;

import io.tradestore.core.StoreConfig;
import net.openhft.chronicle.queue.RollCycle;

import java.io.File;
import java.util.function.LongSupplier;

/**
 * Configuration of a {@link StoreEngine}: where the data lives, how durable the journal is, store capacities and
 * the snapshot policy. Typed setters and getters in the style of an Aeron {@code Context}; {@link #conclude()}
 * validates everything once, before the engine opens. Not thread safe; not to be changed after
 * {@link #conclude()}.
 * <p>
 * Folder layout under {@link #dataDirectory()}:
 * <pre>
 *   DATA/journal/     Chronicle Queue, roll cycle {@code FIVE_MINUTELY} (up to 3.58M events/s sustained)
 *   DATA/store/       orders-v2.cmap, positions-v2.cmap (Chronicle Map), marketdata.dat (Agrona), meta.dat,
 *                     capacities.dat (the capacities below, recorded when the store is created)
 *   DATA/snapshots/   snapshot-&lt;sequence&gt;.bin, plus the snapshot thread's scratch stores in work/
 * </pre>
 */
public final class JournalConfig
{
    /** Default: a snapshot every million events. */
    public static final long DEFAULT_SNAPSHOT_EVERY_EVENTS = 1_000_000;
    /** Default: a snapshot at least every five minutes while events arrive. */
    public static final long DEFAULT_SNAPSHOT_EVERY_NS = 300_000_000_000L;
    /** Default number of snapshots kept. */
    public static final int DEFAULT_SNAPSHOTS_TO_KEEP = 3;
    /**
     * Default free-space reserve: ingress refuses new events below it, the journal writer below half of it. The
     * half between must cover what can be written after ingress closes: the ring's in-flight events, the pages the
     * stores touch and a new Chronicle cycle file.
     */
    public static final long DEFAULT_MIN_FREE_DISK_BYTES = 256L * 1024 * 1024;

    private File dataDirectory;
    private DurabilityMode durability = DurabilityMode.ASYNC;
    private long orderCapacity = StoreConfig.DEFAULT_ORDER_CAPACITY;
    private long positionCapacity = StoreConfig.DEFAULT_POSITION_CAPACITY;
    private int instrumentCapacity = StoreConfig.DEFAULT_INSTRUMENT_CAPACITY;
    private long snapshotEveryEvents = DEFAULT_SNAPSHOT_EVERY_EVENTS;
    private long snapshotEveryNs = DEFAULT_SNAPSHOT_EVERY_NS;
    private int snapshotsToKeep = DEFAULT_SNAPSHOTS_TO_KEEP;
    private long minFreeDiskBytes = DEFAULT_MIN_FREE_DISK_BYTES;
    private boolean repair;
    private boolean snapshotThread = true;
    private LongSupplier usableDiskBytes;
    private RollCycle rollCycle = JournalQueue.ROLL_CYCLE;
    private boolean concluded;

    /**
     * @param dataDirectory root of the data ({@code DATA}); created when absent.
     * @return this.
     */
    public JournalConfig dataDirectory(final File dataDirectory)
    {
        this.dataDirectory = dataDirectory;
        return this;
    }

    /** @return root of the data. */
    public File dataDirectory()
    {
        return dataDirectory;
    }

    /** @return {@code DATA/journal}. */
    public File journalDirectory()
    {
        return new File(dataDirectory, "journal");
    }

    /** @return {@code DATA/store}. */
    public File storeDirectory()
    {
        return new File(dataDirectory, "store");
    }

    /** @return {@code DATA/snapshots}. */
    public File snapshotDirectory()
    {
        return new File(dataDirectory, "snapshots");
    }

    /**
     * @param durability what an acknowledged event survives; default {@link DurabilityMode#ASYNC}.
     * @return this.
     */
    public JournalConfig durability(final DurabilityMode durability)
    {
        this.durability = durability;
        return this;
    }

    /** @return the durability mode. */
    public DurabilityMode durability()
    {
        return durability;
    }

    /**
     * Capacities are recorded when the store is created ({@link StoreCapacities}); a store is only reopened with
     * the same three values.
     *
     * @param orderCapacity maximum number of orders, live and terminal.
     * @return this.
     */
    public JournalConfig orderCapacity(final long orderCapacity)
    {
        this.orderCapacity = orderCapacity;
        return this;
    }

    /** @return maximum number of orders. */
    public long orderCapacity()
    {
        return orderCapacity;
    }

    /**
     * @param positionCapacity maximum number of (account, instrument) positions.
     * @return this.
     */
    public JournalConfig positionCapacity(final long positionCapacity)
    {
        this.positionCapacity = positionCapacity;
        return this;
    }

    /** @return maximum number of positions. */
    public long positionCapacity()
    {
        return positionCapacity;
    }

    /**
     * @param instrumentCapacity number of instruments; ids are 1..capacity.
     * @return this.
     */
    public JournalConfig instrumentCapacity(final int instrumentCapacity)
    {
        this.instrumentCapacity = instrumentCapacity;
        return this;
    }

    /** @return number of instruments. */
    public int instrumentCapacity()
    {
        return instrumentCapacity;
    }

    /**
     * @param snapshotEveryEvents take a snapshot after this many events since the last one; 0 = never by count.
     * @return this.
     */
    public JournalConfig snapshotEveryEvents(final long snapshotEveryEvents)
    {
        this.snapshotEveryEvents = snapshotEveryEvents;
        return this;
    }

    /** @return events between snapshots, 0 = off. */
    public long snapshotEveryEvents()
    {
        return snapshotEveryEvents;
    }

    /**
     * @param snapshotEveryNs take a snapshot when this many ns have passed since the last one and events arrived
     *                        meanwhile; 0 = never by time.
     * @return this.
     */
    public JournalConfig snapshotEveryNs(final long snapshotEveryNs)
    {
        this.snapshotEveryNs = snapshotEveryNs;
        return this;
    }

    /** @return ns between snapshots, 0 = off. */
    public long snapshotEveryNs()
    {
        return snapshotEveryNs;
    }

    /**
     * @param snapshotsToKeep newest snapshots kept; older ones are deleted after a new one is written.
     * @return this.
     */
    public JournalConfig snapshotsToKeep(final int snapshotsToKeep)
    {
        this.snapshotsToKeep = snapshotsToKeep;
        return this;
    }

    /** @return number of snapshots kept. */
    public int snapshotsToKeep()
    {
        return snapshotsToKeep;
    }

    /**
     * @param minFreeDiskBytes the free-space reserve of the data directory's file system ({@link DiskSpaceMonitor}):
     *                         below it ingress refuses new events with {@code DISK_FULL}; below half of it the
     *                         journal writer itself refuses appends. 0 turns both off.
     * @return this.
     */
    public JournalConfig minFreeDiskBytes(final long minFreeDiskBytes)
    {
        this.minFreeDiskBytes = minFreeDiskBytes;
        return this;
    }

    /** @return the free-space reserve in bytes. */
    public long minFreeDiskBytes()
    {
        return minFreeDiskBytes;
    }

    /**
     * @param repair when true, a journal corrupt in the middle is cut back to its valid prefix (the original kept
     *               as a backup, the dropped entries reported) instead of refusing to open.
     * @return this.
     */
    public JournalConfig repair(final boolean repair)
    {
        this.repair = repair;
        return this;
    }

    /** @return true when repair was asked for. */
    public boolean repair()
    {
        return repair;
    }

    JournalConfig snapshotThread(final boolean snapshotThread)
    {
        this.snapshotThread = snapshotThread;
        return this;
    }

    boolean snapshotThread()
    {
        return snapshotThread;
    }

    /** Tests only: the roll cycle of a new journal (crash tests kill the writer during a roll). */
    JournalConfig rollCycle(final RollCycle rollCycle)
    {
        this.rollCycle = rollCycle;
        return this;
    }

    RollCycle rollCycle()
    {
        return rollCycle;
    }

    /**
     * Where the {@link DiskSpaceMonitor} learns the usable bytes of the journal's file system; by default
     * {@link File#getUsableSpace()} of the data directory. Public so that the pipeline's tests can inject a full disk
     * or a failing measurement; an embedder has no reason to set it.
     *
     * @param usableDiskBytes supplies the usable bytes; an exception from it fails the journal writer.
     * @return this.
     */
    public JournalConfig usableDiskBytes(final LongSupplier usableDiskBytes)
    {
        this.usableDiskBytes = usableDiskBytes;
        return this;
    }

    LongSupplier usableDiskBytes()
    {
        return usableDiskBytes;
    }

    /** @return true when snapshots are taken automatically. */
    public boolean snapshotsEnabled()
    {
        return snapshotEveryEvents > 0 || snapshotEveryNs > 0;
    }

    /**
     * Validate once; later calls return at once.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first invalid value.
     */
    public JournalConfig conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (dataDirectory == null)
        {
            throw new IllegalArgumentException("dataDirectory is required");
        }
        if (durability == null)
        {
            throw new IllegalArgumentException("durability is required");
        }
        storeConfig().conclude();
        if (snapshotEveryEvents < 0)
        {
            throw new IllegalArgumentException("snapshotEveryEvents must be >= 0: " + snapshotEveryEvents);
        }
        if (snapshotEveryNs < 0)
        {
            throw new IllegalArgumentException("snapshotEveryNs must be >= 0: " + snapshotEveryNs);
        }
        if (snapshotsToKeep < 1)
        {
            throw new IllegalArgumentException("snapshotsToKeep must be >= 1: " + snapshotsToKeep);
        }
        if (minFreeDiskBytes < 0)
        {
            throw new IllegalArgumentException("minFreeDiskBytes must be >= 0: " + minFreeDiskBytes);
        }
        if (usableDiskBytes == null)
        {
            final File directory = dataDirectory;
            usableDiskBytes = directory::getUsableSpace;
        }
        concluded = true;
        return this;
    }

    /** @return the three capacities as one value, as {@link StoreEngine#open} records and checks them. */
    StoreCapacities capacities()
    {
        return new StoreCapacities(orderCapacity, positionCapacity, instrumentCapacity);
    }

    StoreConfig storeConfig()
    {
        return new StoreConfig()
            .directory(storeDirectory())
            .orderCapacity(orderCapacity)
            .positionCapacity(positionCapacity)
            .instrumentCapacity(instrumentCapacity);
    }

    @Override
    public String toString()
    {
        return "JournalConfig{dataDirectory=" + dataDirectory + ", durability=" + durability +
            ", orderCapacity=" + orderCapacity + ", positionCapacity=" + positionCapacity +
            ", instrumentCapacity=" + instrumentCapacity + ", snapshotEveryEvents=" + snapshotEveryEvents +
            ", snapshotEveryNs=" + snapshotEveryNs + ", snapshotsToKeep=" + snapshotsToKeep +
            ", minFreeDiskBytes=" + minFreeDiskBytes + ", repair=" + repair + '}';
    }
}
