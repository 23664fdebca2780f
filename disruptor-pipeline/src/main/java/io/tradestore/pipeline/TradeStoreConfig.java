package io.tradestore.pipeline;

import io.tradestore.core.StoreConfig;
import io.tradestore.journal.DurabilityMode;
import io.tradestore.journal.JournalConfig;
import io.tradestore.journal.JournalDescriptor;

import java.io.File;
import java.util.function.LongSupplier;

/**
 * Configuration of an embedded {@link TradeStore}: typed setters, validated once by {@link #conclude()}.
 */
public final class TradeStoreConfig
{
    /** Journal bytes of the largest event a ring slot holds: Chronicle's header, our entry header, the message. */
    static final int MAX_JOURNAL_ENTRY_LENGTH =
        JournalDescriptor.CHRONICLE_HEADER_LENGTH + JournalDescriptor.HEADER_LENGTH + RingSlot.MAX_MESSAGE_LENGTH;

    /** Default ring size: a power of two. */
    public static final int DEFAULT_RING_SIZE = 16 * 1024;

    /** Largest ring: its slots' message bytes (128 each) are one off-heap block of at most 1 GiB. */
    public static final int MAX_RING_SIZE = 1 << 23;
    /** Default free-space reserve below which new events are refused with DISK_FULL. */
    public static final long DEFAULT_MIN_FREE_DISK_BYTES = JournalConfig.DEFAULT_MIN_FREE_DISK_BYTES;

    private File dataDirectory;
    private DurabilityMode durability = DurabilityMode.ASYNC;
    private long orderCapacity = StoreConfig.DEFAULT_ORDER_CAPACITY;
    private long positionCapacity = StoreConfig.DEFAULT_POSITION_CAPACITY;
    private int instrumentCapacity = StoreConfig.DEFAULT_INSTRUMENT_CAPACITY;
    private int ringSize = DEFAULT_RING_SIZE;
    private Topology topology = Topology.forThisMachine();
    private WaitMode waitMode = WaitMode.YIELDING;
    private long snapshotEveryEvents = JournalConfig.DEFAULT_SNAPSHOT_EVERY_EVENTS;
    private long snapshotEveryNs = JournalConfig.DEFAULT_SNAPSHOT_EVERY_NS;
    private int snapshotsToKeep = JournalConfig.DEFAULT_SNAPSHOTS_TO_KEEP;
    private long minFreeDiskBytes = DEFAULT_MIN_FREE_DISK_BYTES;
    private LongSupplier usableDiskBytes;
    private boolean repair;
    private boolean concluded;

    /**
     * @param dataDirectory the data directory (journal/, store/, snapshots/ live under it).
     * @return this.
     */
    public TradeStoreConfig dataDirectory(final File dataDirectory)
    {
        this.dataDirectory = dataDirectory;
        return this;
    }

    /** @return the data directory. */
    public File dataDirectory()
    {
        return dataDirectory;
    }

    /**
     * @param durability ASYNC (page cache, survives a process kill) or SYNC (forced per batch before acks).
     * @return this.
     */
    public TradeStoreConfig durability(final DurabilityMode durability)
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
     * @param orderCapacity maximum number of orders.
     * @return this.
     */
    public TradeStoreConfig orderCapacity(final long orderCapacity)
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
     * @param positionCapacity maximum number of positions.
     * @return this.
     */
    public TradeStoreConfig positionCapacity(final long positionCapacity)
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
     * @param instrumentCapacity number of instruments (ids 1..capacity).
     * @return this.
     */
    public TradeStoreConfig instrumentCapacity(final int instrumentCapacity)
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
     * @param ringSize number of ring slots, a power of two up to {@link #MAX_RING_SIZE}.
     * @return this.
     */
    public TradeStoreConfig ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    /** @return number of ring slots. */
    public int ringSize()
    {
        return ringSize;
    }

    /**
     * @param topology how stages map onto threads.
     * @return this.
     */
    public TradeStoreConfig topology(final Topology topology)
    {
        this.topology = topology;
        return this;
    }

    /** @return how stages map onto threads. */
    public Topology topology()
    {
        return topology;
    }

    /**
     * @param waitMode how consumer threads wait.
     * @return this.
     */
    public TradeStoreConfig waitMode(final WaitMode waitMode)
    {
        this.waitMode = waitMode;
        return this;
    }

    /** @return how consumer threads wait. */
    public WaitMode waitMode()
    {
        return waitMode;
    }

    /**
     * @param snapshotEveryEvents take a snapshot after this many events (0 = never by count; default 1M).
     * @return this.
     */
    public TradeStoreConfig snapshotEveryEvents(final long snapshotEveryEvents)
    {
        this.snapshotEveryEvents = snapshotEveryEvents;
        return this;
    }

    /** @return events between snapshots. */
    public long snapshotEveryEvents()
    {
        return snapshotEveryEvents;
    }

    /**
     * @param snapshotEveryNs take a snapshot at least this often, in ns (0 = never by time; default 5 minutes).
     * @return this.
     */
    public TradeStoreConfig snapshotEveryNs(final long snapshotEveryNs)
    {
        this.snapshotEveryNs = snapshotEveryNs;
        return this;
    }

    /** @return ns between snapshots. */
    public long snapshotEveryNs()
    {
        return snapshotEveryNs;
    }

    /**
     * @param snapshotsToKeep number of newest snapshots kept.
     * @return this.
     */
    public TradeStoreConfig snapshotsToKeep(final int snapshotsToKeep)
    {
        this.snapshotsToKeep = snapshotsToKeep;
        return this;
    }

    /** @return number of newest snapshots kept. */
    public int snapshotsToKeep()
    {
        return snapshotsToKeep;
    }

    /**
     * @param minFreeDiskBytes the free-space reserve of the journal's file system (the journal's
     *                         {@link io.tradestore.journal.DiskSpaceMonitor}): below it new events are refused with
     *                         DISK_FULL; the journal itself refuses only below half of it, which the ring's in-flight
     *                         events ({@code ringSize} x 128 bytes, checked by {@link #conclude()}) never reach.
     *                         0 turns both off.
     * @return this.
     */
    public TradeStoreConfig minFreeDiskBytes(final long minFreeDiskBytes)
    {
        this.minFreeDiskBytes = minFreeDiskBytes;
        return this;
    }

    /** @return the free-space reserve in bytes. */
    public long minFreeDiskBytes()
    {
        return minFreeDiskBytes;
    }

    /** Tests only: replaces the journal's free-space measurement (see {@link JournalConfig#usableDiskBytes}). */
    TradeStoreConfig usableDiskBytes(final LongSupplier usableDiskBytes)
    {
        this.usableDiskBytes = usableDiskBytes;
        return this;
    }

    /**
     * @param repair keep the valid prefix of a journal corrupted in the middle instead of refusing to open.
     * @return this.
     */
    public TradeStoreConfig repair(final boolean repair)
    {
        this.repair = repair;
        return this;
    }

    /** @return whether repair was asked for. */
    public boolean repair()
    {
        return repair;
    }

    /**
     * Validate every value once.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first invalid value.
     */
    public TradeStoreConfig conclude()
    {
        if (dataDirectory == null)
        {
            throw new IllegalArgumentException("dataDirectory is required");
        }
        if (durability == null || topology == null || waitMode == null)
        {
            throw new IllegalArgumentException("durability, topology and waitMode must not be null");
        }
        if (ringSize < 2 || ringSize > MAX_RING_SIZE || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException(
                "ringSize must be a power of two in 2.." + MAX_RING_SIZE + ": " + ringSize);
        }
        if (minFreeDiskBytes < 0)
        {
            throw new IllegalArgumentException("minFreeDiskBytes must be >= 0: " + minFreeDiskBytes);
        }
        if (minFreeDiskBytes > 0 && (long)ringSize * MAX_JOURNAL_ENTRY_LENGTH > minFreeDiskBytes / 2)
        {
            throw new IllegalArgumentException("minFreeDiskBytes " + minFreeDiskBytes + " must be at least twice " +
                "the ring's in-flight journal bytes (ringSize " + ringSize + " x " + MAX_JOURNAL_ENTRY_LENGTH + ")");
        }
        journalConfig();
        concluded = true;
        return this;
    }

    boolean isConcluded()
    {
        return concluded;
    }

    JournalConfig journalConfig()
    {
        return new JournalConfig()
            .dataDirectory(dataDirectory)
            .durability(durability)
            .orderCapacity(orderCapacity)
            .positionCapacity(positionCapacity)
            .instrumentCapacity(instrumentCapacity)
            .snapshotEveryEvents(snapshotEveryEvents)
            .snapshotEveryNs(snapshotEveryNs)
            .snapshotsToKeep(snapshotsToKeep)
            .minFreeDiskBytes(minFreeDiskBytes)
            .repair(repair)
            .usableDiskBytes(usableDiskBytes)
            .conclude();
    }

    @Override
    public String toString()
    {
        return "TradeStoreConfig{dataDirectory=" + dataDirectory + ", durability=" + durability +
            ", orderCapacity=" + orderCapacity + ", positionCapacity=" + positionCapacity +
            ", instrumentCapacity=" + instrumentCapacity + ", ringSize=" + ringSize + ", topology=" + topology +
            ", waitMode=" + waitMode + ", snapshotEveryEvents=" + snapshotEveryEvents + ", snapshotEveryNs=" +
            snapshotEveryNs + ", snapshotsToKeep=" + snapshotsToKeep + ", minFreeDiskBytes=" + minFreeDiskBytes +
            ", repair=" + repair + '}';
    }
}
