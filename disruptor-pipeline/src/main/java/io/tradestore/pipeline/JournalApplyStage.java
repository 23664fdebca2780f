package io.tradestore.pipeline;

import com.lmax.disruptor.EventHandler;

/**
 * The {@link Topology#COMBINED} consumer: journal then apply each event on one thread, forcing the journal at
 * the end of each batch in SYNC mode. Egress only sees a batch after this handler returns from its last event,
 * so acknowledgements still wait for the group commit.
 */
final class JournalApplyStage implements EventHandler<RingSlot>
{
    private final JournalStage journal;
    private final ApplyStage apply;

    JournalApplyStage(final JournalStage journal, final ApplyStage apply)
    {
        this.journal = journal;
        this.apply = apply;
    }

    @Override
    public void onStart()
    {
        journal.onStart();
    }

    @Override
    public void onEvent(final RingSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        journal.journal(slot);
        try
        {
            apply.apply(slot);
        }
        finally
        {
            if (endOfBatch)
            {
                journal.endOfBatch();
            }
        }
    }
}
