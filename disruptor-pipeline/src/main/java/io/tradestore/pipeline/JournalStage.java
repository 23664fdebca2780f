package io.tradestore.pipeline;

import com.lmax.disruptor.EventHandler;
import io.tradestore.journal.JournalWriter;
import io.tradestore.journal.StoreEngine;

/**
 * Appends each event's SBE bytes, with its sequence and timestamp, to the journal; at the end of each batch
 * forces the journal in SYNC mode (group commit). Runs on the journal thread (or the combined journal-apply
 * thread), which owns the Chronicle appender.
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
        if (state.isHalted())
        {
            slot.journaled = false;
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
            slot.journaled = false;
            state.halt("journal refused sequence " + slot.sequence + " (reject reason " + result +
                "): the disk filled below half the free-space reserve after ingress closed; reopen the store when " +
                "space returns", null, counters);
            return;
        }
        slot.journaled = true;
        counters.journalSequence.setRelease(slot.sequence);
    }

    void endOfBatch()
    {
        writer.sync();
        counters.journalBytes.setRelease(writer.bytesWritten());
    }
}
