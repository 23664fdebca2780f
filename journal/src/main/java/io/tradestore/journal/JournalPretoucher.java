package io.tradestore.journal;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes the first write to each page of the journal off the journal thread: a background thread touches every 4 KiB
 * page of the current cycle file ahead of the writer (what the writer writes in 250 ms at its recent rate, between
 * {@link #MIN_AHEAD_BYTES} and {@link #AHEAD_BYTES}), through its own mapping of the file, so that when the writer gets
 * there the page is already in the page cache with its blocks reserved. The pages touched past the writer's final
 * position in a cycle stay allocated (zeros), hence the rate-sized distance.
 * <p>
 * Why: on this project's VM (ext4) the first write to a fresh journal page costs a page fault, and at some file
 * offsets (about 6, 8 and 16 MiB into a cycle file, every run) the fault takes 0.5-1.5 ms: with one busy thread
 * that was the whole p99.9 of the open-loop rows. The writer's own idle-time touch ({@link JournalWriter#touchAhead()})
 * only moves that cost to the same thread's idle time.
 * <p>
 * Safe by construction:
 * <ul>
 *   <li>Each touch is a compare-and-set of the page's first 8 bytes from 0 to 0: it never changes a byte, whether
 *   the writer has written there already (the CAS fails) or writes there at the same moment (the CAS is atomic).</li>
 *   <li>It maps only up to the file's current size, which Chronicle only ever grows (no truncation while a cycle is
 *   written), so it never touches past the end of the file.</li>
 *   <li>It touches nothing while the disk monitor refuses ingress (asked again every MiB): it never allocates blocks
 *   into the free-space reserve; and it runs only when that reserve is at least {@link #MIN_RESERVE_FACTOR} times
 *   the most it touches ahead ({@link #enabledFor(JournalConfig)}).</li>
 * </ul>
 * One thread per engine, {@code tradestore-journal-pretouch}; it parks 1 ms when it is ahead. Reads only the
 * writer's published hints ({@link JournalWriter#currentFile()}, {@link JournalWriter#writePosition()}), which the
 * writer publishes only while a pretoucher runs; meanwhile the writer's own idle-time touch stands down.
 */
final class JournalPretoucher implements AutoCloseable
{
    /** The most pages are touched ahead of the writer's last published position, at high write rates. */
    static final long AHEAD_BYTES = 8L * 1024 * 1024;
    /** The least: what an idle journal keeps touched ahead (and so leaves allocated at the end of a cycle file). */
    static final long MIN_AHEAD_BYTES = 256L * 1024;
    /** The free-space reserve must be at least this many times {@link #AHEAD_BYTES} for the pretoucher to run. */
    static final int MIN_RESERVE_FACTOR = 4;

    private static final int PAGE_SIZE = 4096;
    private static final long WINDOW_BYTES = 32L * 1024 * 1024;
    private static final long IDLE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Touch ahead what the writer writes in this long at its recent rate (bounded by the two limits above). */
    private static final long AHEAD_NS = TimeUnit.MILLISECONDS.toNanos(250);
    /** Ask the disk monitor again after touching this much. */
    private static final long GATE_CHECK_BYTES = 1024L * 1024;

    private final JournalWriter writer;
    private final DiskSpaceMonitor diskSpace;
    private final Thread thread;
    private final AtomicLong pagesTouched = new AtomicLong();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private volatile boolean running = true;
    private volatile long touchedUpTo;
    private final BackgroundStatus status = new BackgroundStatus("journal pretoucher");

    private volatile File file;
    private FileChannel channel;
    private MappedByteBuffer window;
    private long windowStart;
    private long windowEnd;
    private long rateSamplePosition = -1;
    private long rateSampleNs;
    private long aheadBytes = MIN_AHEAD_BYTES;

    private JournalPretoucher(final JournalWriter writer, final DiskSpaceMonitor diskSpace)
    {
        this.writer = writer;
        this.diskSpace = diskSpace;
        this.thread = new Thread(this::run, "tradestore-journal-pretouch");
        thread.setDaemon(true);
    }

    /**
     * @param config of the engine.
     * @return true when the free-space reserve leaves room for touching {@link #AHEAD_BYTES} ahead.
     */
    static boolean enabledFor(final JournalConfig config)
    {
        return config.minFreeDiskBytes() >= MIN_RESERVE_FACTOR * AHEAD_BYTES;
    }

    /**
     * @param writer    whose journal to touch ahead of.
     * @param diskSpace the engine's monitor; nothing is touched while it refuses ingress.
     * @return the started pretoucher.
     */
    static JournalPretoucher start(final JournalWriter writer, final DiskSpaceMonitor diskSpace)
    {
        final JournalPretoucher pretoucher = new JournalPretoucher(writer, diskSpace);
        writer.pretouched(true);
        pretoucher.thread.start();
        return pretoucher;
    }

    /** @return pages touched so far. */
    long pagesTouched()
    {
        return pagesTouched.get();
    }

    /** @return offset in the current cycle file up to which pages have been touched. */
    long touchedUpTo()
    {
        return touchedUpTo;
    }

    /** @return the cycle file being touched, or null before the writer's first sync. */
    File file()
    {
        return file;
    }

    /** @return what stopped the thread, or null while it runs normally. */
    Throwable error()
    {
        return status.error();
    }

    /**
     * @param listener told about a failure that stops the pretoucher, including one before this call.
     */
    void listener(final BackgroundListener listener)
    {
        status.listener(listener);
    }

    /** Stop the thread and release its mapping; returns once it has stopped. */
    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        Threads.joinUninterruptibly(thread);
    }

    private void run()
    {
        try
        {
            while (running)
            {
                if (0 == touchAhead())
                {
                    LockSupport.parkNanos(IDLE_PARK_NS);
                }
            }
        }
        catch (final Throwable ex)
        {
            // losing the pretoucher costs latency, never data: the writer touches its own pages (an InternalError
            // here would be a fault in the mapping, e.g. a page the file system could not back)
            status.failed(ex);
        }
        finally
        {
            writer.pretouched(false);
            release();
        }
    }

    private int touchAhead() throws IOException
    {
        final File current = writer.currentFile();
        if (null == current)
        {
            return 0;
        }
        if (!current.equals(file))
        {
            release();
            channel = FileChannel.open(current.toPath(), StandardOpenOption.READ, StandardOpenOption.WRITE);
            file = current;
            touchedUpTo = 0;
            rateSamplePosition = -1;
        }
        final long position = writer.writePosition();
        updateAhead(position);
        final long size = channel.size();
        final long to = Math.min(position + aheadBytes, size);
        long offset = Math.max(touchedUpTo, (position & -PAGE_SIZE) + PAGE_SIZE);
        long nextGateCheck = offset;
        int pages = 0;
        while (running && offset + Long.BYTES <= to)
        {
            if (offset >= nextGateCheck)
            {
                if (diskSpace.refuseIngress())
                {
                    break;
                }
                nextGateCheck = offset + GATE_CHECK_BYTES;
            }
            if ((offset < windowStart || offset + Long.BYTES > windowEnd) && !mapWindow(offset, size))
            {
                break;
            }
            view.compareAndSetLong((int)(offset - windowStart), 0L, 0L);
            offset += PAGE_SIZE;
            touchedUpTo = offset;
            pages++;
        }
        pagesTouched.addAndGet(pages);
        return pages;
    }

    /**
     * Touch ahead what the writer writes in {@link #AHEAD_NS} at the rate it has written since the last sample
     * (every ~{@link #AHEAD_NS}), within [{@link #MIN_AHEAD_BYTES}, {@link #AHEAD_BYTES}]: every page touched past the
     * writer's final position in a cycle file stays allocated, so a quiet journal should not pay 8 MiB per cycle.
     */
    private void updateAhead(final long position)
    {
        final long nowNs = System.nanoTime();
        if (rateSamplePosition < 0 || position < rateSamplePosition)
        {
            rateSamplePosition = position;
            rateSampleNs = nowNs;
            return;
        }
        final long elapsedNs = nowNs - rateSampleNs;
        if (elapsedNs >= AHEAD_NS)
        {
            final long written = position - rateSamplePosition;
            final long wanted = (long)((double)written * AHEAD_NS / elapsedNs);
            aheadBytes = Math.max(MIN_AHEAD_BYTES, Math.min(AHEAD_BYTES, Math.max(wanted, aheadBytes / 2)));
            rateSamplePosition = position;
            rateSampleNs = nowNs;
        }
        else if (position - rateSamplePosition > aheadBytes)
        {
            // the rate went up within the sample: follow at once, never let the writer catch up
            aheadBytes = Math.min(AHEAD_BYTES, 2 * (position - rateSamplePosition));
        }
    }

    private boolean mapWindow(final long offset, final long size) throws IOException
    {
        unmapWindow();
        final long start = offset & -PAGE_SIZE;
        final long end = Math.min(start + WINDOW_BYTES, size);
        if (end - start < Long.BYTES)
        {
            return false;
        }
        window = channel.map(FileChannel.MapMode.READ_WRITE, start, end - start);
        view.wrap(window);
        windowStart = start;
        windowEnd = end;
        return true;
    }

    private void unmapWindow()
    {
        if (null != window)
        {
            view.wrap(0, 0);
            IoUtil.unmap(window);
            window = null;
            windowStart = 0;
            windowEnd = 0;
        }
    }

    private void release()
    {
        unmapWindow();
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // read-write channel of a file the writer keeps open; nothing was written through it
            }
            channel = null;
        }
        file = null;
    }
}
