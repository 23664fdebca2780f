package io.tradestore.pipeline;

import io.tradestore.core.sbe.CancelOrderDecoder;
import io.tradestore.core.sbe.FillDecoder;
import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.NewOrderDecoder;
import io.tradestore.core.sbe.RejectReason;
import io.tradestore.core.sbe.ReplaceOrderDecoder;
import io.tradestore.journal.CountersDescriptor;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import java.io.File;
import java.nio.MappedByteBuffer;

import static io.tradestore.journal.CountersDescriptor.*;

/**
 * The store's counters, in a mapped file ({@link CountersDescriptor}) so another process (the {@code stat} tool)
 * can read them while the store runs. Each counter has one writing thread (named per counter) except
 * {@link #backPressured} and {@link #diskFullRefusals}, which any producer may increment atomically, and
 * {@link #snapshots} and {@link #backgroundFailures}, written by the engine's background threads and the thread
 * that opens the store, through {@code TradeStore}'s reporter, which serialises them.
 */
final class PipelineCounters implements AutoCloseable
{
    /** Counter type id for all tradestore counters. */
    static final int TYPE_ID = 7001;

    private final MappedByteBuffer mapped;
    private final CountersManager manager;

    final AtomicCounter newOrders;
    final AtomicCounter cancels;
    final AtomicCounter replaces;
    final AtomicCounter fills;
    final AtomicCounter marketDataUpdates;
    final AtomicCounter accepted;
    final AtomicCounter rejected;
    final AtomicCounter[] rejectsByReason = new AtomicCounter[256];
    final AtomicCounter ringOccupancy;
    final AtomicCounter journalBytes;
    final AtomicCounter journalSequence;
    final AtomicCounter appliedSequence;
    final AtomicCounter snapshots;
    final AtomicCounter errors;
    final AtomicCounter backgroundFailures;
    final AtomicCounter backPressured;
    final AtomicCounter diskFullRefusals;

    private PipelineCounters(final MappedByteBuffer mapped)
    {
        this.mapped = mapped;
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        header.putInt(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        header.putInt(METADATA_LENGTH_OFFSET, METADATA_LENGTH);
        header.putInt(VALUES_LENGTH_OFFSET, VALUES_LENGTH);
        header.putLong(PID_OFFSET, ProcessHandle.current().pid());
        header.putLong(START_TIME_OFFSET, System.currentTimeMillis());
        header.putLongRelease(MAGIC_OFFSET, MAGIC);

        manager = new CountersManager(
            new UnsafeBuffer(mapped, HEADER_LENGTH, METADATA_LENGTH),
            new UnsafeBuffer(mapped, HEADER_LENGTH + METADATA_LENGTH, VALUES_LENGTH));

        newOrders = counter("events: NewOrder");
        cancels = counter("events: CancelOrder");
        replaces = counter("events: ReplaceOrder");
        fills = counter("events: Fill");
        marketDataUpdates = counter("events: MarketDataUpdate");
        accepted = counter("outcomes: accepted");
        rejected = counter("outcomes: rejected");
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason != RejectReason.NONE && reason != RejectReason.NULL_VAL)
            {
                rejectsByReason[reason.value()] = counter("rejects: " + reason.name());
            }
        }
        ringOccupancy = counter("ring occupancy (slots)");
        journalBytes = counter("journal bytes written");
        journalSequence = counter("last journaled sequence");
        appliedSequence = counter("last applied sequence");
        snapshots = counter("snapshots taken");
        errors = counter("fatal errors");
        backgroundFailures = counter("background thread failures");
        backPressured = counter("publish: back-pressured");
        diskFullRefusals = counter("publish: refused, disk full");
    }

    static PipelineCounters create(final File file)
    {
        if (file.exists() && !file.delete())
        {
            throw new IllegalStateException("cannot replace counters file " + file);
        }
        return new PipelineCounters(IoUtil.mapNewFile(file, FILE_LENGTH, true));
    }

    void onApplied(final int templateId, final int rejectReason)
    {
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID: newOrders.incrementRelease(); break;
            case CancelOrderDecoder.TEMPLATE_ID: cancels.incrementRelease(); break;
            case ReplaceOrderDecoder.TEMPLATE_ID: replaces.incrementRelease(); break;
            case FillDecoder.TEMPLATE_ID: fills.incrementRelease(); break;
            case MarketDataUpdateDecoder.TEMPLATE_ID: marketDataUpdates.incrementRelease(); break;
            default: break;
        }
        if (rejectReason == 0)
        {
            accepted.incrementRelease();
        }
        else
        {
            rejected.incrementRelease();
            final AtomicCounter byReason = rejectsByReason[rejectReason & 0xFF];
            if (byReason != null)
            {
                byReason.incrementRelease();
            }
        }
    }

    private AtomicCounter counter(final String label)
    {
        return manager.newCounter(label, TYPE_ID);
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
