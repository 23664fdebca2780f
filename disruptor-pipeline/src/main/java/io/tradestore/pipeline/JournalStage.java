package io.tradestore.pipeline;

import com.lmax.disruptor.EventHandler;
import io.tradestore.journal.JournalWriter;
import io.tradestore.journal.StoreEngine;

/**
 * Appends each event's SBE bytes, with its sequence and timestamp, to the journal; at the end of each batch
 * completes the batch's journal document and, in SYNC mode, forces the journal (group commit). Runs on the journal
 * thread (or the combined journal-apply thread), which owns the Chronicle appender.
 * <p>
 * An event is journaled only when {@link #endOfBatch()} has returned for its batch ({@link JournalWriter}): the
 * stages that apply call it before applying any event of the batch, and in {@link Topology#SEPARATE} the apply
 * thread only sees a batch after this stage has returned from its last event.
 * <p>
 * Timestamps are made monotonic in sequence order here, before they are journaled, so time-range queries over
 * the journal are well defined even with several producers.
 */
final class JournalStage implements EventHandler<RingSlot>
{
    private final StoreEngine engine;
    private final PipelineState state;
    private final PipelineCounters counters;
    private JournalWriter writer;
    private long lastTimestampNs;
    private long lastAppended = -1;

    JournalStage(
        final StoreEngine engine,
        final PipelineState state,
        final PipelineCounters counters)
    {
        this.engine = engine;
        this.state = state;
        this.counters = counters;
    }

    @Override
    public void onStart()
    {
        writer = engine.writer();
    }

    @Override
    public void onEvent(final RingSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        journal(slot);
        if (endOfBatch)
        {
            endOfBatch();
        }
    }

    void journal(final RingSlot slot)
    {
        // a slot is reused every lap: nothing may see the last lap's flag should this event fail to journal
        slot.journaled = false;
        if (state.isHalted())
        {
            return;
        }
        if (slot.timestampNs < lastTimestampNs)
        {
            slot.timestampNs = lastTimestampNs;
        }
        lastTimestampNs = slot.timestampNs;

        final int result = writer.append(slot.sequence, slot.timestampNs, slot.buffer, 0, slot.length);
        if (result != 0)
        {
            state.halt("journal refused sequence " + slot.sequence + " (reject reason " + result +
                "): the disk filled below half the free-space reserve after ingress closed; reopen the store when " +
                "space returns", null, counters);
            return;
        }
        slot.journaled = true;
        lastAppended = slot.sequence;
    }

    /** Completes the batch's journal document (and forces it in SYNC mode): its events are journaled from here. */
    void endOfBatch()
    {
        writer.sync();
        if (lastAppended >= 0)
        {
            counters.journalSequence.setRelease(lastAppended);
        }
        counters.journalBytes.setRelease(writer.bytesWritten());
    }
}
