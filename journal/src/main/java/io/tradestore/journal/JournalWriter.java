package io.tradestore.journal;

import io.tradestore.core.sbe.RejectReason;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.util.MicroTouched;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;
import org.agrona.DirectBuffer;

import java.io.File;
import java.util.concurrent.atomic.AtomicLong;

import static io.tradestore.journal.JournalDescriptor.CHRONICLE_HEADER_LENGTH;
import static io.tradestore.journal.JournalDescriptor.MAX_DOCUMENT_LENGTH;
import static io.tradestore.journal.JournalDescriptor.MAX_MESSAGE_LENGTH;

/**
 * Appends events to the journal, laid out as in {@link JournalDescriptor}: the entries of one batch go into one
 * Chronicle Queue document (several documents when they exceed {@link JournalDescriptor#MAX_DOCUMENT_LENGTH}),
 * which {@link #sync()} completes at the end of the batch. Allocation-free in steady state.
 * <p>
 * <b>Journaled means committed.</b> An entry is in the journal once the document holding it is complete, i.e. after
 * the {@link #sync()} (or {@link #close()}) that follows its {@link #append}; until then no reader sees it and a
 * crash loses it. So nothing may be applied or acknowledged before that {@code sync()} returns. One document per
 * batch instead of one per event saves most of Chronicle's per-document cost (header, index, write lock).
 * <p>
 * <b>Failure:</b> an exception from {@link #append} or {@link #sync()} fails the writer for good: the open document,
 * if any, is rolled back (its entries were never journaled, and nothing may treat them as journaled), every later
 * {@code append} and {@code sync()} throws, and {@link #close()} releases the appender without completing anything.
 * {@link #durableSequence()} is the one place to learn what made it: it moves only once a document is complete
 * (ASYNC) or forced (SYNC), so a {@code sync()} that throws after completing its document still counts that
 * document's entries as journaled. In SYNC mode a failure first tries to force the documents it completed (a full
 * document is completed as the next one opens); when the force itself is what failed, their entries are in doubt:
 * not counted as journaled (so not applied or acknowledged), yet in the files, where recovery may find them. The
 * store must then be reopened; recovery reads what is in the files.
 * <p>
 * <b>Thread:</b> single writer. Chronicle's appender is confined to the thread that creates it, so it is created
 * lazily by the first {@link #append} or {@link #sync()}; every later call must come from that same thread (the
 * pipeline's journal stage), until {@link #handOverToCallingThread()} moves it.
 * <p>
 * <b>Disk space:</b> the writer consults the engine's {@link DiskSpaceMonitor} before growing the journal by more
 * than {@link #FREE_SPACE_CHECK_INTERVAL_BYTES} since the last measurement, and at the end of a batch when the
 * last measurement is older than {@link DiskSpaceMonitor#RECHECK_INTERVAL_NS} (one {@code statfs}, ~1 µs, so a
 * few ns per event amortised); each measurement also updates the monitor's ingress gate. Below the monitor's floor it
 * refuses events with {@link RejectReason#DISK_FULL} and writes nothing, measuring again on every later call, so
 * it resumes as soon as space returns. Chronicle can die with SIGBUS when a mapped page cannot be backed on a full
 * disk; the floor keeps it from ever getting there.
 */
public final class JournalWriter implements AutoCloseable
{
    /** Journal bytes written between two free-space checks. */
    public static final long FREE_SPACE_CHECK_INTERVAL_BYTES = 64 * 1024;

    private final SingleChronicleQueue queue;
    private final DurabilityMode durability;
    private final DiskSpaceMonitor diskSpace;
    private final EntryChecksum checksum = new EntryChecksum();
    private final AtomicLong durableSequence = new AtomicLong();
    private final AtomicLong writePosition = new AtomicLong(-1);
    private volatile File currentFile;
    private volatile boolean pretouched;
    private int publishedCycle = Integer.MIN_VALUE;
    private ExcerptAppender appender;
    private DocumentContext document;
    private int documentLength;
    private MicroTouched toucher;
    private Thread owner;
    private long lastSequence;
    private long committedSequence;
    private long bytesWritten;
    private long bytesSinceSpaceCheck = FREE_SPACE_CHECK_INTERVAL_BYTES;
    private boolean diskFull;
    private boolean closed;
    private Throwable failure;

    JournalWriter(
        final SingleChronicleQueue queue,
        final DurabilityMode durability,
        final long lastSequence,
        final DiskSpaceMonitor diskSpace)
    {
        this.queue = queue;
        this.durability = durability;
        this.lastSequence = lastSequence;
        this.committedSequence = lastSequence;
        this.diskSpace = diskSpace;
        durableSequence.set(lastSequence);
    }

    /**
     * Append one event to the batch's open document (opening one when none is). Journal thread only. The entry is
     * journaled by the next {@link #sync()}, not by this call.
     *
     * @param sequence    must be exactly {@link #lastSequence()} + 1.
     * @param timestampNs ingest timestamp, ns since the epoch.
     * @param buffer      holding the SBE message.
     * @param offset      of the SBE message in {@code buffer}.
     * @param length      of the SBE message, 0..{@link JournalDescriptor#MAX_MESSAGE_LENGTH}.
     * @return 0 when appended, or {@link RejectReason#DISK_FULL}'s value when refused (nothing written).
     * @throws IllegalStateException    when the sequence is not contiguous or the writer is closed or failed: a
     *                                  programming error in the caller.
     * @throws IllegalArgumentException when the length is out of range.
     * @throws RuntimeException         from Chronicle or the disk-space measurement. Such an exception (not the two
     *                                  above, which write nothing) fails the writer (see the class comment): the
     *                                  batch's open document is rolled back.
     */
    public int append(
        final long sequence, final long timestampNs, final DirectBuffer buffer, final int offset, final int length)
    {
        checkUsable();
        if (sequence != lastSequence + 1)
        {
            throw new IllegalStateException(
                "journal sequence must be contiguous: expected " + (lastSequence + 1) + " but got " + sequence);
        }
        if (length < 0 || length > MAX_MESSAGE_LENGTH)
        {
            throw new IllegalArgumentException("message length out of range: " + length);
        }
        try
        {
            return doAppend(sequence, timestampNs, buffer, offset, length);
        }
        catch (final RuntimeException | Error ex)
        {
            fail(ex);
            throw ex;
        }
    }

    private int doAppend(
        final long sequence, final long timestampNs, final DirectBuffer buffer, final int offset, final int length)
    {
        if ((bytesSinceSpaceCheck >= FREE_SPACE_CHECK_INTERVAL_BYTES || diskFull) && !hasFreeSpace())
        {
            return RejectReason.DISK_FULL.value();
        }

        final int entryLength = checksum.encode(sequence, timestampNs, buffer, offset, length);
        final ExcerptAppender appender = appender();
        DocumentContext document = this.document;
        if (null != document && documentLength + entryLength > MAX_DOCUMENT_LENGTH)
        {
            commit();
            document = null;
        }
        int written = entryLength;
        if (null == document)
        {
            document = appender.writingDocument();
            this.document = document;
            written += CHRONICLE_HEADER_LENGTH;
        }
        document.wire().bytes().unsafeWrite(checksum.address(), entryLength);
        documentLength += entryLength;

        lastSequence = sequence;
        bytesWritten += written;
        bytesSinceSpaceCheck += written;

        return 0;
    }

    /** Complete the open document, if any: its entries become visible to readers and survive a crash. */
    private void commit()
    {
        final DocumentContext document = this.document;
        if (null != document)
        {
            this.document = null;
            documentLength = 0;
            document.close();
            committedSequence = lastSequence;
            if (durability == DurabilityMode.ASYNC)
            {
                durableSequence.lazySet(lastSequence);
            }
        }
    }

    /**
     * End of a batch, called before any of its events is applied or acknowledged: completes the open document
     * (the batch's entries are journaled from here on). Journal thread only. An exception fails the writer; the
     * entries it journaled before throwing are those up to {@link #durableSequence()}.
     * {@link DurabilityMode#SYNC}: then forces every entry appended so far to the storage device and returns when it
     * is there (group commit). {@link DurabilityMode#ASYNC}: nothing to force. Either way, when the last free-space measurement is
     * older than {@link DiskSpaceMonitor#RECHECK_INTERVAL_NS}, measures again, so that a disk filled by someone else
     * closes ingress within that interval even while this journal grows slowly.
     */
    public void sync()
    {
        checkUsable();
        try
        {
            doSync();
        }
        catch (final RuntimeException | Error ex)
        {
            fail(ex);
            throw ex;
        }
    }

    private void doSync()
    {
        commit();
        if (durability == DurabilityMode.SYNC && durableSequence.get() != lastSequence)
        {
            appender().sync();
            durableSequence.lazySet(lastSequence);
        }
        if (diskSpace.measurementDue())
        {
            hasFreeSpace();
        }
        if (pretouched)
        {
            publishWritePosition();
        }
    }

    /**
     * While a {@link JournalPretoucher} runs, the writer publishes its position at every {@link #sync()} and its own
     * idle-time {@link #touchAhead()} stands down (the pretoucher touches further ahead, off this thread); when the
     * pretoucher stops, for whatever reason, the writer touches its own pages again.
     *
     * @param running whether a pretoucher is running for this writer.
     */
    void pretouched(final boolean running)
    {
        pretouched = running;
    }

    /**
     * @return the cycle file being written as of the last {@link #sync()}, or null before the first (or without a
     * running {@link JournalPretoucher}, which is who reads it); any thread.
     */
    File currentFile()
    {
        return currentFile;
    }

    /**
     * @return the write position in {@link #currentFile()} as of the last {@link #sync()}, -1 before the first; any
     * thread. A hint: the writer has moved on by up to a batch since.
     */
    long writePosition()
    {
        return writePosition.get();
    }

    /**
     * Idle-time work for the journal thread: touch the page after the write position so that the next appends do
     * not take the page fault (the first write to each 4 KiB page of a fresh mapped file costs a fault in the
     * kernel, microseconds, on the latency path). Cheap when there is nothing to do. A no-op on any thread other
     * than the journal thread, before the first append, after close or a failure, and while a
     * {@link JournalPretoucher} runs, so a wait strategy shared by every stage may call it.
     *
     * @return true when a page was touched.
     */
    public boolean touchAhead()
    {
        final MicroTouched toucher = this.toucher;
        if (toucher == null || pretouched || closed || null != document || null != failure ||
            owner != Thread.currentThread())
        {
            return false;
        }
        return toucher.microTouch();
    }

    /**
     * Move the writer to the calling thread: for a pipeline driven by its owner's duty cycle
     * ({@code Topology.INVOKED}), where the thread that journals can change (the gateway agent, then the thread that
     * drains the ring on close). The caller guarantees that the previous thread makes no further call and that its
     * last call happens-before this one (the pipeline hands over under a compare-and-set). A no-op when the calling
     * thread already owns it, so a duty cycle may call it every time.
     */
    public void handOverToCallingThread()
    {
        final Thread current = Thread.currentThread();
        if (appender != null && owner != current)
        {
            owner = current;
        }
    }

    /**
     * @return sequence of the last event appended (journaled only after the next {@link #sync()}), 0 when the
     * journal is empty. Journal thread.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** @return bytes appended by this writer since the store opened, Chronicle headers included. Journal thread. */
    public long bytesWritten()
    {
        return bytesWritten;
    }

    /** @return true while events are being refused for lack of disk space. Journal thread. */
    public boolean isDiskFull()
    {
        return diskFull;
    }

    /**
     * The highest sequence the durability mode guarantees: in a complete document (ASYNC) or, further, forced to
     * disk (SYNC). Nothing above it may be applied or acknowledged. Any thread; one volatile read.
     *
     * @return that sequence; the journal's last sequence at open until the first document completes.
     */
    public long durableSequence()
    {
        return durableSequence.get();
    }

    /** @return true once an exception from {@link #append} or {@link #sync()} has failed the writer. Journal thread. */
    public boolean isFailed()
    {
        return null != failure;
    }

    /**
     * Complete the open document, if any, and release the appender. Journal thread, or any thread once the journal
     * thread has stopped. A failed writer completes nothing: it only releases the appender, as best it can.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            final ExcerptAppender appender = this.appender;
            if (appender != null)
            {
                this.appender = null;
                toucher = null;
                if (null != failure)
                {
                    closeQuietly(appender);
                    return;
                }
                try
                {
                    commit();
                    if (durability == DurabilityMode.SYNC)
                    {
                        appender.sync();
                        durableSequence.lazySet(lastSequence);
                    }
                }
                finally
                {
                    appender.close();
                }
            }
        }
    }

    private void checkUsable()
    {
        if (closed || null != failure)
        {
            throw new IllegalStateException(closed ? "journal writer is closed" :
                "journal writer failed earlier (" + failure + "); reopen the store");
        }
    }

    /**
     * Fail the writer: roll back the open document (zeroed, the write lock released), so that neither a later
     * {@code sync()} nor {@code close()} can complete entries that the caller was told were not journaled.
     */
    private void fail(final Throwable cause)
    {
        if (null != failure || closed)
        {
            return;
        }
        failure = cause;
        final DocumentContext document = this.document;
        this.document = null;
        documentLength = 0;
        if (null != document)
        {
            try
            {
                document.rollbackOnClose();
                document.close();
            }
            catch (final RuntimeException | Error ignore)
            {
                // the writer is failed either way; an uncompleted document is not read as journaled on recovery
            }
        }
        final ExcerptAppender appender = this.appender;
        if (durability == DurabilityMode.SYNC && committedSequence > durableSequence.get() && null != appender)
        {
            // documents completed earlier in the batch (a full document is completed as the next one opens) are in
            // the files and recovery will replay them: force them, so that they count as journaled and are applied
            // and answered like any other; if even that fails they stay in doubt, above durableSequence()
            try
            {
                appender.sync();
                durableSequence.lazySet(committedSequence);
            }
            catch (final RuntimeException | Error ignore)
            {
                // in doubt: answered STORE_HALTED, and the files decide on recovery (see the class comment)
            }
        }
    }

    private static void closeQuietly(final ExcerptAppender appender)
    {
        try
        {
            appender.close();
        }
        catch (final RuntimeException | Error ignore)
        {
            // releasing a failed appender is best effort: the failure is what gets reported
        }
    }

    private void publishWritePosition()
    {
        final ExcerptAppender appender = this.appender;
        final Wire wire = null == appender ? null : appender.wire();
        if (null == wire)
        {
            return;
        }
        final Bytes<?> bytes = wire.bytes();
        // position first, then (on a roll) the file: a reader that sees the new file also sees its position
        writePosition.lazySet(bytes.writePosition());
        final int cycle = appender.cycle();
        if (cycle != publishedCycle && bytes instanceof MappedBytes)
        {
            publishedCycle = cycle;
            currentFile = ((MappedBytes)bytes).mappedFile().file();
        }
    }

    private boolean hasFreeSpace()
    {
        bytesSinceSpaceCheck = 0;
        diskFull = diskSpace.check();
        return !diskFull;
    }

    private ExcerptAppender appender()
    {
        ExcerptAppender appender = this.appender;
        if (appender == null)
        {
            owner = Thread.currentThread();
            appender = queue.createAppender();
            // confinement is enforced by the owner check below, once per call instead of per Chronicle access
            appender.singleThreadedCheckDisabled(true);
            this.appender = appender;
            toucher = appender instanceof MicroTouched ? (MicroTouched)appender : null;
        }
        else if (owner != Thread.currentThread())
        {
            throw new IllegalStateException("journal writer used from " + Thread.currentThread().getName() +
                " but owned by " + owner.getName());
        }
        return appender;
    }
}
