package io.tradestore.pipeline;

import com.lmax.disruptor.EventHandler;
import io.tradestore.journal.JournalWriter;
import io.tradestore.journal.StoreEngine;

/**
 * Appends each event's SBE bytes, with its sequence and timestamp, to the journal; at the end of each batch
 * completes the batch's journal document and, in SYNC mode, forces the journal (group commit). Runs on the journal
 * thread (or the combined journal-apply thread), which owns the Chronicle appender.
 * <p>
 * An event is journaled only once its document is complete (forced, in SYNC mode), which the writer's
 * {@link JournalWriter#durableSequence()} reports: the stages that apply call {@link #endOfBatch()} before applying
 * any event of the batch, and {@link ApplyStage} applies nothing above that watermark. So an exception from the
 * writer, which rolls back its open document, leaves the batch's events unapplied and answered STORE_HALTED,
 * whatever the topology, and the exception goes on to the {@link FatalExceptionHandler}.
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
    }

    /**
     * Completes the batch's journal document (and forces it in SYNC mode): its events are journaled from here. A
     * no-op once the writer has failed: the failure was reported when it happened.
     */
    void endOfBatch()
    {
        final JournalWriter writer = this.writer;
        if (writer.isFailed())
        {
            return;
        }
        try
        {
            writer.sync();
        }
        finally
        {
            counters.journalSequence.setRelease(writer.durableSequence());
            counters.journalBytes.setRelease(writer.bytesWritten());
        }
    }
}
