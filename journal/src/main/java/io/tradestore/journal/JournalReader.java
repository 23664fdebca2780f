package io.tradestore.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.text.ParseException;

import static io.tradestore.journal.JournalDescriptor.FIRST_SEQUENCE;
import static io.tradestore.journal.JournalDescriptor.HEADER_LENGTH;
import static io.tradestore.journal.JournalDescriptor.LENGTH_OFFSET;
import static io.tradestore.journal.JournalDescriptor.MAX_DOCUMENT_LENGTH;
import static io.tradestore.journal.JournalDescriptor.SEQUENCE_OFFSET;
import static io.tradestore.journal.JournalDescriptor.TIMESTAMP_OFFSET;

/**
 * Reads journal entries in sequence order, a document's entries one after another (see
 * {@link JournalDescriptor}), zero-copy: the handler sees the SBE message where it lies in the
 * mapped journal file. Every entry's CRC32C, length and sequence are checked before it is handed out; the first
 * entry that fails raises a {@link JournalCorruptException} naming the expected sequence.
 * <p>
 * Can tail a journal that another thread or process is appending to: {@link #poll} returns 0 at the current end
 * and picks up new entries on a later call. Allocation-free in steady state.
 * <p>
 * <b>Thread:</b> one thread at a time (Chronicle tailers are single-threaded; Chronicle's per-access thread check
 * is turned off here for speed, so a hand-over between threads must be safely published by the caller).
 */
public final class JournalReader implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final boolean ownsQueue;
    private final ExcerptTailer tailer;
    private final EntryChecksum checksum = new EntryChecksum();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private long nextSequence = FIRST_SEQUENCE;
    private int documentOffset;
    private boolean closed;

    JournalReader(final SingleChronicleQueue queue, final boolean ownsQueue)
    {
        this.queue = queue;
        this.ownsQueue = ownsQueue;
        this.tailer = queue.createTailer();
        this.tailer.singleThreadedCheckDisabled(true);
    }

    /**
     * Open a read-only reader over a journal directory ({@code DATA/journal}); safe while a store process is
     * appending to it. Positioned at the first entry.
     *
     * @param journalDirectory the journal's Chronicle Queue directory.
     * @return the reader; close it to release the queue.
     */
    public static JournalReader open(final File journalDirectory)
    {
        if (!journalDirectory.isDirectory())
        {
            throw new IllegalArgumentException("not a journal directory: " + journalDirectory);
        }
        return new JournalReader(JournalQueue.open(journalDirectory, DurabilityMode.ASYNC, true), true);
    }

    /**
     * Deliver up to {@code limit} entries to the handler. A document's entries may be spread over several calls.
     *
     * @param handler receives each entry on this thread.
     * @param limit   maximum number of entries delivered by this call.
     * @return number of entries delivered; 0 at the end of the journal.
     * @throws JournalCorruptException at the first entry that fails its CRC, is malformed or is out of sequence.
     */
    public int poll(final JournalEntryHandler handler, final int limit)
    {
        int count = 0;
        String failure = null;
        boolean gap = false;
        while (count < limit && null == failure)
        {
            try (DocumentContext context = tailer.readingDocument())
            {
                if (!context.isPresent())
                {
                    break;
                }
                final Bytes<?> bytes = context.wire().bytes();
                final long remaining = bytes.readRemaining();
                if (remaining < HEADER_LENGTH || remaining > MAX_DOCUMENT_LENGTH)
                {
                    failure = "document of impossible length " + remaining;
                    break;
                }
                final long address = bytes.addressForRead(bytes.readPosition());
                final int documentLength = (int)remaining;
                final UnsafeBuffer view = this.view;
                int offset = documentOffset;
                try
                {
                    while (offset < documentLength && count < limit)
                    {
                        final int available = documentLength - offset;
                        if (available < HEADER_LENGTH)
                        {
                            failure = "entry header cut short: " + available + " bytes left in the document";
                            break;
                        }
                        view.wrap(address + offset, available);
                        final int length = view.getInt(LENGTH_OFFSET);
                        if (length < 0 || length > available - HEADER_LENGTH)
                        {
                            failure = "message length " + length + " does not fit the " + available +
                                " bytes left in the document";
                            break;
                        }
                        if (!checksum.verify(address + offset, length))
                        {
                            failure = "CRC32C mismatch";
                            break;
                        }
                        final long sequence = view.getLong(SEQUENCE_OFFSET);
                        if (sequence != nextSequence)
                        {
                            failure = "sequence gap: found " + sequence;
                            gap = true;
                            break;
                        }
                        // consumed before it is delivered: a handler that throws has still consumed it
                        offset += HEADER_LENGTH + length;
                        nextSequence = sequence + 1;
                        count++;
                        handler.onEntry(sequence, view.getLong(TIMESTAMP_OFFSET), view, HEADER_LENGTH, length);
                    }
                }
                finally
                {
                    if (null == failure && offset < documentLength)
                    {
                        // the limit fell inside the document: read it again next time, from here
                        documentOffset = offset;
                        context.rollbackOnClose();
                    }
                    else
                    {
                        documentOffset = 0;
                    }
                }
            }
        }

        if (failure != null)
        {
            throw corrupt(failure, gap);
        }
        return count;
    }

    /**
     * Position the reader so that the next entry delivered is {@code sequence}.
     *
     * @param sequence to read next, at least {@link JournalDescriptor#FIRST_SEQUENCE}.
     * @return true when the journal holds {@code sequence} or ends exactly before it (the reader then waits for
     *         it); false when the journal ends earlier or does not reach back that far.
     */
    public boolean seek(final long sequence)
    {
        if (sequence < FIRST_SEQUENCE)
        {
            throw new IllegalArgumentException("sequence must be >= " + FIRST_SEQUENCE + ": " + sequence);
        }
        nextSequence = sequence;
        documentOffset = 0;
        final long lastIndex = lastEntryIndex();
        if (lastIndex < 0)
        {
            tailer.direction(TailerDirection.FORWARD).toStart();
            return sequence == FIRST_SEQUENCE;
        }

        final long lastSequence = verifiedLastSequenceAt(lastIndex);
        if (lastSequence >= FIRST_SEQUENCE && sequence == lastSequence + 1)
        {
            // just past the last complete entry (not Chronicle's toEnd(), which a torn roll can send to the start)
            tailer.direction(TailerDirection.FORWARD);
            if (!tailer.moveToIndex(lastIndex))
            {
                return false;
            }
            try (DocumentContext ignored = tailer.readingDocument())
            {
                return ignored.isPresent();
            }
        }
        final long found = position(tailer, sequence);
        if (found < 0)
        {
            return false;
        }
        documentOffset = (int)found;
        return true;
    }

    /**
     * Find the last entry stamped at or before a time by binary search over the journal (ingest timestamps are
     * stamped in sequence order, so they never decrease along the journal). Reads about log2(n) entries' headers,
     * each found by a binary search over documents; does not move this reader.
     *
     * @param timestampNs ns since the epoch.
     * @return the highest sequence whose timestamp is at or before {@code timestampNs}; 0 when the first entry is
     *         later or the journal is empty; -1 when the last entry is not CRC-valid (then scan instead).
     */
    public long lastSequenceAtOrBefore(final long timestampNs)
    {
        long high = lastSequence();
        if (high <= 0)
        {
            return high;
        }
        long low = FIRST_SEQUENCE;
        try (ExcerptTailer probe = queue.createTailer())
        {
            if (timestampAt(probe, low) > timestampNs)
            {
                return 0;
            }
            while (low < high)
            {
                final long middle = (low + high + 1) >>> 1;
                if (timestampAt(probe, middle) <= timestampNs)
                {
                    low = middle;
                }
                else
                {
                    high = middle - 1;
                }
            }
        }
        return low;
    }

    private long timestampAt(final ExcerptTailer probe, final long sequence)
    {
        final long offset = position(probe, sequence);
        if (offset < 0)
        {
            return Long.MAX_VALUE;
        }
        try (DocumentContext context = probe.readingDocument())
        {
            if (!context.isPresent())
            {
                return Long.MAX_VALUE;
            }
            final Bytes<?> bytes = context.wire().bytes();
            final long position = bytes.readPosition() + offset;
            if (bytes.readRemaining() < offset + HEADER_LENGTH ||
                bytes.readLong(position + SEQUENCE_OFFSET) != sequence)
            {
                throw corrupt(sequence, "entry not where its sequence says");
            }
            return bytes.readLong(position + TIMESTAMP_OFFSET);
        }
    }

    private JournalCorruptException corrupt(final long sequence, final String failure)
    {
        return new JournalCorruptException(sequence, false, "journal corrupt at sequence " + sequence + ": " +
            failure + " in " + queue.file());
    }

    /**
     * Move {@code target} to the document holding {@code sequence}: the newest cycle whose first entry is at or
     * before it, then a binary search over that cycle's documents by their first entries' sequences, then a walk
     * over the document's entry headers (CRCs are left to whoever reads the entry).
     *
     * @return the entry's byte offset in the document, the target positioned to read that document next; -1 when
     * the journal does not hold {@code sequence}.
     */
    private long position(final ExcerptTailer target, final long sequence)
    {
        final RollCycle rollCycle = queue.rollCycle();
        final int firstCycle = queue.firstCycle();
        if (firstCycle == Integer.MAX_VALUE)
        {
            target.toStart();
            return -1;
        }
        int cycle = queue.lastCycle();
        while (true)
        {
            final long firstOfCycle = sequenceAt(target, rollCycle.toIndex(cycle, 0));
            if (firstOfCycle >= 0 && firstOfCycle <= sequence)
            {
                target.direction(TailerDirection.FORWARD);
                return positionInCycle(target, rollCycle, cycle, sequence);
            }
            final int previous = cycle == firstCycle ? -1 : previousCycle(cycle);
            if (previous < firstCycle || previous >= cycle)
            {
                target.toStart();
                return -1;
            }
            cycle = previous;
        }
    }

    private long positionInCycle(final ExcerptTailer target, final RollCycle rollCycle, final int cycle, final long sequence)
    {
        // the last document of the cycle whose first entry is at or before the sequence: documents [low, high]
        // the target itself probes: creating a Chronicle tailer per probe costs far more than the probe
        long low = 0;
        long high = lastSequenceNumberInCycle(target, rollCycle, cycle);
        while (low < high)
        {
            final long middle = (low + high + 1) >>> 1;
            final long first = sequenceAt(target, rollCycle.toIndex(cycle, middle));
            if (first >= 0 && first <= sequence)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        final long index = rollCycle.toIndex(cycle, low);
        if (!target.moveToIndex(index))
        {
            return -1;
        }
        long offset = -1;
        try (DocumentContext context = target.readingDocument())
        {
            if (context.isPresent())
            {
                final Bytes<?> bytes = context.wire().bytes();
                final long start = bytes.readPosition();
                final long length = bytes.readRemaining();
                long at = 0;
                while (at + HEADER_LENGTH <= length)
                {
                    final long entrySequence = bytes.readLong(start + at + SEQUENCE_OFFSET);
                    if (entrySequence == sequence)
                    {
                        offset = at;
                        break;
                    }
                    if (entrySequence > sequence)
                    {
                        break;
                    }
                    // long arithmetic: a corrupt length near Integer.MAX_VALUE must end the walk, not wrap it
                    at += HEADER_LENGTH + Math.max(0L, bytes.readInt(start + at + LENGTH_OFFSET));
                }
            }
            context.rollbackOnClose();
        }
        return offset;
    }

    /** @return the sequence the next delivered entry must carry. */
    public long nextSequence()
    {
        return nextSequence;
    }

    /**
     * The sequence of the last complete entry in the journal, found through Chronicle's index without scanning.
     *
     * @return its sequence; 0 when the journal holds no complete entry; -1 when an entry of the last document is
     * not CRC-valid.
     */
    public long lastSequence()
    {
        final long lastIndex = lastEntryIndex();
        return lastIndex < 0 ? 0 : verifiedLastSequenceAt(lastIndex);
    }

    /**
     * @return the sequence of the last entry of the document at a Chronicle index; 0 when absent; -1 when any entry
     * of that document is malformed or not CRC-valid.
     */
    private long verifiedLastSequenceAt(final long index)
    {
        try (ExcerptTailer probe = queue.createTailer())
        {
            if (!probe.moveToIndex(index))
            {
                return 0;
            }
            try (DocumentContext context = probe.readingDocument())
            {
                if (!context.isPresent())
                {
                    return 0;
                }
                final Bytes<?> bytes = context.wire().bytes();
                final long remaining = bytes.readRemaining();
                if (remaining < HEADER_LENGTH || remaining > MAX_DOCUMENT_LENGTH)
                {
                    return -1;
                }
                final long address = bytes.addressForRead(bytes.readPosition());
                final int documentLength = (int)remaining;
                long last = -1;
                int offset = 0;
                while (offset < documentLength)
                {
                    final int available = documentLength - offset;
                    if (available < HEADER_LENGTH)
                    {
                        return -1;
                    }
                    view.wrap(address + offset, available);
                    final int length = view.getInt(LENGTH_OFFSET);
                    if (length < 0 || length > available - HEADER_LENGTH || !checksum.verify(address + offset, length))
                    {
                        return -1;
                    }
                    final long sequence = view.getLong(SEQUENCE_OFFSET);
                    if (last >= 0 && sequence != last + 1)
                    {
                        return -1;
                    }
                    last = sequence;
                    offset += HEADER_LENGTH + length;
                }
                return last;
            }
        }
    }

    /**
     * Chronicle index of the last complete document: the newest cycle whose first entry is readable, then a galloping
     * and binary search of {@code moveToIndex} probes in it (about 2 log2(n) index look-ups, no scan).
     * <p>
     * Deliberately not {@code queue.lastIndex()} or a backward {@code toEnd()}: when the process died while
     * rolling, the newest cycle file holds only an incomplete first header, and Chronicle's end search then winds
     * to the start of the queue (or trips an assertion), which would report the first entry as the last. Here a
     * cycle without a readable first entry is simply skipped: it holds nothing that was ever acknowledged.
     *
     * @return the index, or -1 when no cycle holds a complete entry.
     */
    long lastEntryIndex()
    {
        final int firstCycle = queue.firstCycle();
        if (firstCycle == Integer.MAX_VALUE)
        {
            return -1;
        }
        final RollCycle rollCycle = queue.rollCycle();
        try (ExcerptTailer probe = queue.createTailer())
        {
            int cycle = queue.lastCycle();
            while (true)
            {
                if (probe.moveToIndex(rollCycle.toIndex(cycle, 0)))
                {
                    return rollCycle.toIndex(cycle, lastSequenceNumberInCycle(probe, rollCycle, cycle));
                }
                final int previous = cycle <= firstCycle ? -1 : previousCycle(cycle);
                if (previous < firstCycle || previous >= cycle)
                {
                    return -1;
                }
                cycle = previous;
            }
        }
    }

    private static long lastSequenceNumberInCycle(final ExcerptTailer probe, final RollCycle rollCycle, final int cycle)
    {
        final long max = rollCycle.maxMessagesPerCycle() - 1;
        long found = 0;
        long step = 1;
        long missing = -1;
        while (missing < 0)
        {
            final long candidate = Math.min(max, found + step);
            if (candidate == found)
            {
                return found;
            }
            if (probe.moveToIndex(rollCycle.toIndex(cycle, candidate)))
            {
                found = candidate;
                step <<= 1;
            }
            else
            {
                missing = candidate;
            }
        }
        while (missing - found > 1)
        {
            final long middle = (found + missing) >>> 1;
            if (probe.moveToIndex(rollCycle.toIndex(cycle, middle)))
            {
                found = middle;
            }
            else
            {
                missing = middle;
            }
        }
        return found;
    }

    /**
     * Count the entries of every complete document by walking their entry headers (no CRC check): what a
     * truncation reports as dropped beyond the valid prefix. The remainder of a document whose headers cannot be
     * walked any further counts as one entry. Scans the whole journal; does not move this reader.
     */
    long countEntries()
    {
        long entries = 0;
        try (ExcerptTailer probe = queue.createTailer())
        {
            probe.singleThreadedCheckDisabled(true);
            while (true)
            {
                try (DocumentContext context = probe.readingDocument())
                {
                    if (!context.isPresent())
                    {
                        return entries;
                    }
                    final Bytes<?> bytes = context.wire().bytes();
                    final long start = bytes.readPosition();
                    final long length = bytes.readRemaining();
                    long at = 0;
                    while (at < length)
                    {
                        entries++;
                        final int messageLength = at + HEADER_LENGTH <= length ?
                            bytes.readInt(start + at + LENGTH_OFFSET) : -1;
                        if (messageLength < 0)
                        {
                            break;
                        }
                        // long arithmetic: a corrupt length near Integer.MAX_VALUE ends the walk instead of wrapping
                        at += HEADER_LENGTH + (long)messageLength;
                    }
                }
            }
        }
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            tailer.close();
            if (ownsQueue)
            {
                queue.close();
            }
        }
    }

    SingleChronicleQueue queue()
    {
        return queue;
    }

    /**
     * Damage is "at the tail" (a torn write, cut off without asking) when it lies in the journal's last document: a
     * crash can leave the last batch's pages partly unwritten, and nothing in it was ever acknowledged. Entries after
     * the damaged one in the same document go with it. A sequence gap is never a torn write (the entry's CRC holds:
     * something else wrote it), so it is never at the tail.
     */
    private JournalCorruptException corrupt(final String failure, final boolean gap)
    {
        final boolean atTail;
        try (DocumentContext context = tailer.readingDocument())
        {
            atTail = !gap && !context.isPresent();
        }
        return new JournalCorruptException(nextSequence, atTail, "journal corrupt at sequence " + nextSequence +
            ": " + failure + (atTail ? " (last document: torn write)" : gap ? "" : " (further documents follow)") +
            " in " + queue.file());
    }

    /** @return the sequence of the first entry of the document at a Chronicle index, -1 when absent; moves probe. */
    private static long sequenceAt(final ExcerptTailer probe, final long index)
    {
        if (!probe.moveToIndex(index))
        {
            return -1;
        }
        try (DocumentContext context = probe.readingDocument())
        {
            if (!context.isPresent())
            {
                return -1;
            }
            final Bytes<?> bytes = context.wire().bytes();
            if (bytes.readRemaining() < HEADER_LENGTH)
            {
                return -1;
            }
            return bytes.readLong(bytes.readPosition() + SEQUENCE_OFFSET);
        }
    }

    private int previousCycle(final int cycle)
    {
        try
        {
            return queue.nextCycle(cycle, TailerDirection.BACKWARD);
        }
        catch (final ParseException ex)
        {
            throw new IllegalStateException("cannot list journal cycles in " + queue.file(), ex);
        }
    }
}
