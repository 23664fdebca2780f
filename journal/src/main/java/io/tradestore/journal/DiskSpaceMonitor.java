package io.tradestore.journal;

import java.util.function.LongSupplier;

/**
 * The store's one free-space mechanism (DESIGN §6: disk full must never crash the JVM; Chronicle can die with
 * SIGBUS when a mapped page cannot be backed). One instance per {@link StoreEngine}, two thresholds from one
 * setting, {@link JournalConfig#minFreeDiskBytes()}:
 * <ul>
 *   <li><b>Reserve</b> ({@code minFreeDiskBytes}): below it {@link #refuseIngress()} is true and producers refuse
 *   new events with {@code DISK_FULL} before they enter the ring.</li>
 *   <li><b>Floor</b> (half the reserve): below it the {@link JournalWriter} itself refuses appends. The half between
 *   floor and reserve is kept for what was admitted before ingress closed (the ring's in-flight events, the
 *   stores' pages, a new cycle file), so a pipeline whose ingress asks this monitor never sees its journal refuse
 *   an admitted event.</li>
 * </ul>
 * The snapshot thread asks {@link #hasRoomFor(long)} before writing a snapshot file.
 * <p>
 * The writer measures ({@link #check()}, one {@code statfs}, ~1 µs) before it grows the journal by more than
 * {@link JournalWriter#FREE_SPACE_CHECK_INTERVAL_BYTES} since the last measurement, at the end of a batch when the
 * last measurement is older than {@link #RECHECK_INTERVAL_NS} (so another process filling the disk closes ingress
 * within that time even while the journal grows slowly), and before every append while below the floor, so it
 * resumes as soon as space returns. Producers read the last measurement (one volatile
 * read); while it says refuse, they measure again at most every {@link #RECHECK_INTERVAL_NS}, so ingress reopens
 * by itself without traffic on the journal thread.
 * <p>
 * <b>Threads:</b> {@link #check()} on the journal thread; {@link #refuseIngress()} on any thread.
 */
public final class DiskSpaceMonitor
{
    /** Minimum time between two measurements made by refusing producers. */
    public static final long RECHECK_INTERVAL_NS = 50_000_000L;
    /** No reserve: never refuses, never measures (the truncation copy, which only rewrites bytes already there). */
    static final DiskSpaceMonitor UNCHECKED = new DiskSpaceMonitor(() -> Long.MAX_VALUE, 0);

    private final LongSupplier usableBytes;
    private final long reserveBytes;
    private final long floorBytes;
    private volatile boolean belowReserve;
    private volatile long lastCheckNs;

    DiskSpaceMonitor(final LongSupplier usableBytes, final long reserveBytes)
    {
        this.usableBytes = usableBytes;
        this.reserveBytes = reserveBytes;
        this.floorBytes = reserveBytes / 2;
        check();
    }

    /**
     * Any thread: must a new event be refused for lack of disk space? Allocation-free; one volatile read while
     * space is sufficient.
     *
     * @return true while the usable space is below the reserve.
     */
    public boolean refuseIngress()
    {
        if (!belowReserve)
        {
            return false;
        }
        if (System.nanoTime() - lastCheckNs >= RECHECK_INTERVAL_NS)
        {
            check();
        }
        return belowReserve;
    }

    /**
     * Would writing a file of {@code bytes} keep the usable space at or above the reserve? The snapshot thread asks
     * before writing a snapshot, and skips it when not. Measures now; does not change the ingress gate.
     *
     * @param bytes size of the file about to be written.
     * @return true when there is room.
     */
    boolean hasRoomFor(final long bytes)
    {
        return reserveBytes <= 0 || usableBytes.getAsLong() - bytes >= reserveBytes;
    }

    /**
     * Journal thread, once per batch: has the last measurement aged past {@link #RECHECK_INTERVAL_NS}? One
     * {@code System.nanoTime()}; always false without a reserve.
     */
    boolean measurementDue()
    {
        return reserveBytes > 0 && System.nanoTime() - lastCheckNs >= RECHECK_INTERVAL_NS;
    }

    /**
     * Measure the usable space now and publish the result to {@link #refuseIngress()}. Journal thread (and a
     * refusing producer, rate-limited).
     *
     * @return true when the usable space is below the floor and the journal must not grow.
     */
    boolean check()
    {
        final long usable = reserveBytes > 0 ? usableBytes.getAsLong() : Long.MAX_VALUE;
        lastCheckNs = System.nanoTime();
        belowReserve = usable < reserveBytes;
        return usable < floorBytes;
    }
}
