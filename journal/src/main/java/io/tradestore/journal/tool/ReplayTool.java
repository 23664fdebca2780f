package io.tradestore.journal.tool;

import io.tradestore.core.OrderRecord;
import io.tradestore.core.sbe.CancelOrderDecoder;
import io.tradestore.core.sbe.FillDecoder;
import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.NewOrderDecoder;
import io.tradestore.core.sbe.ReplaceOrderDecoder;
import org.agrona.DirectBuffer;

import java.io.PrintStream;

/**
 * {@code replay}: prints the journaled events that match the filters, each with its real outcome, obtained by
 * replaying the journal through the store's {@code TradingStateMachine} over scratch stores, from the newest
 * usable snapshot before {@code --from-seq} and {@code --from-time} (from the first event when there is none).
 * <p>
 * Filters combine with AND. {@code account} and {@code instrument} match a NewOrder by its own fields and a
 * CancelOrder, ReplaceOrder or Fill by the fields of the order it targets (looked up in the scratch order store;
 * when the order is unknown, the message's accountId is used and no instrument matches); a MarketDataUpdate
 * matches by instrument only. {@code order} matches order events by orderId. Time bounds are inclusive and
 * compare ingest timestamps.
 * <p>
 * Read-only; runs while a store appends (it stops at the journal end it finds). Exit codes in {@link ToolExit}.
 * The replay and filters run on the calling thread; formatting and writing on a {@link PrinterThread}.
 */
public final class ReplayTool
{
    /** Options of {@code replay} besides the shared {@link ToolOptions}. Not thread safe. */
    public static final class Options
    {
        private long fromSequence = 1;
        private long toSequence = Long.MAX_VALUE;
        private String fromTime;
        private String toTime;
        private Integer instrumentId;
        private Long orderId;

        /**
         * @param fromSequence first sequence printed, inclusive ({@code --from-seq}); default 1.
         * @return this.
         */
        public Options fromSequence(final long fromSequence)
        {
            this.fromSequence = fromSequence;
            return this;
        }

        /**
         * @param toSequence last sequence printed, inclusive ({@code --to-seq}); default the journal end.
         * @return this.
         */
        public Options toSequence(final long toSequence)
        {
            this.toSequence = toSequence;
            return this;
        }

        /**
         * @param fromTime ISO-8601 UTC instant, inclusive ({@code --from-time}); null for no bound.
         * @return this.
         */
        public Options fromTime(final String fromTime)
        {
            this.fromTime = fromTime;
            return this;
        }

        /**
         * @param toTime ISO-8601 UTC instant, inclusive ({@code --to-time}); null for no bound.
         * @return this.
         */
        public Options toTime(final String toTime)
        {
            this.toTime = toTime;
            return this;
        }

        /**
         * @param instrumentId only events of this instrument ({@code --instrument}); null for all.
         * @return this.
         */
        public Options instrumentId(final Integer instrumentId)
        {
            this.instrumentId = instrumentId;
            return this;
        }

        /**
         * @param orderId only events of this order ({@code --order}); null for all.
         * @return this.
         */
        public Options orderId(final Long orderId)
        {
            this.orderId = orderId;
            return this;
        }
    }

    private final ToolOptions common;
    private final Options options;

    /**
     * @param common  data directory, format, account filter and assumed capacities; read when {@link #run} is called.
     * @param options sequence and time range, instrument and order filters; read when {@link #run} is called.
     */
    public ReplayTool(final ToolOptions common, final Options options)
    {
        this.common = common;
        this.options = options;
    }

    /**
     * Run the replay.
     *
     * @param out receives the events.
     * @param err receives one line on error, and progress when attached to a terminal.
     * @return {@link ToolExit#OK} or {@link ToolExit#ERROR}.
     */
    public int run(final PrintStream out, final PrintStream err)
    {
        try
        {
            final Options o = options;
            if (o.fromSequence < 1 || o.toSequence < 1)
            {
                throw new ToolException("--from-seq and --to-seq must be >= 1");
            }
            if (o.fromSequence > o.toSequence)
            {
                throw new ToolException("--from-seq " + o.fromSequence + " is after --to-seq " + o.toSequence);
            }
            final long fromTimeNs = o.fromTime == null ? Long.MIN_VALUE : TimeFormat.parseNs("--from-time", o.fromTime);
            final long toTimeNs = o.toTime == null ? Long.MAX_VALUE : TimeFormat.parseNs("--to-time", o.toTime);
            if (fromTimeNs > toTimeNs)
            {
                throw new ToolException("--from-time " + o.fromTime + " is after --to-time " + o.toTime);
            }
            final DataDirectory data = DataDirectory.open(common.data());
            try (ScratchReplay replay =
                ScratchReplay.create(data, data.capacities(common.assumedCapacities(), err, "replay")))
            {
                long before = o.fromSequence - 1;
                if (fromTimeNs != Long.MIN_VALUE)
                {
                    final long beforeTime = replay.lastSequenceAtOrBefore(fromTimeNs - 1);
                    if (beforeTime != Long.MAX_VALUE)
                    {
                        before = Math.max(before, beforeTime);
                    }
                }
                replay.startFromSnapshot(before);
                try (PrinterThread printer = new PrinterThread(out, common.format()))
                {
                    final Filter filter = new Filter(o, common.accountId(), fromTimeNs, toTimeNs, printer, replay);
                    replay.replay(o.toSequence, filter, err);
                }
            }
            return ToolExit.OK;
        }
        catch (final ToolException ex)
        {
            out.flush();
            err.println("replay: " + ex.getMessage());
            return ToolExit.ERROR;
        }
    }

    private static final class Filter implements ScratchReplay.EventSink
    {
        private final long fromSequence;
        private final long fromTimeNs;
        private final long toTimeNs;
        private final boolean byAccount;
        private final long accountId;
        private final boolean byInstrument;
        private final int instrumentId;
        private final boolean byOrder;
        private final long orderId;
        private final boolean byAny;
        private final EventPrinter decoder = new EventPrinter(null, OutputFormat.JSON);
        private final PrinterThread printer;
        private final ScratchReplay replay;
        private final OrderRecord order = new OrderRecord();

        Filter(
            final Options o,
            final Long accountId,
            final long fromTimeNs,
            final long toTimeNs,
            final PrinterThread printer,
            final ScratchReplay replay)
        {
            this.fromSequence = o.fromSequence;
            this.fromTimeNs = fromTimeNs;
            this.toTimeNs = toTimeNs;
            this.byAccount = accountId != null;
            this.accountId = byAccount ? accountId : 0;
            this.byInstrument = o.instrumentId != null;
            this.instrumentId = byInstrument ? o.instrumentId : 0;
            this.byOrder = o.orderId != null;
            this.orderId = byOrder ? o.orderId : 0;
            this.byAny = byAccount || byInstrument || byOrder;
            this.printer = printer;
            this.replay = replay;
        }

        @Override
        public void onEvent(
            final long sequence,
            final long timestampNs,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final int outcome)
        {
            if (sequence < fromSequence || timestampNs < fromTimeNs || timestampNs > toTimeNs)
            {
                return;
            }
            if (byAny)
            {
                decoder.decode(buffer, offset, length);
                if (!matches(decoder))
                {
                    return;
                }
            }
            printer.print(sequence, timestampNs, outcome, buffer, offset, length);
        }

        private boolean matches(final EventPrinter event)
        {
            final int templateId = event.templateId;
            final boolean orderEvent = templateId == NewOrderDecoder.TEMPLATE_ID ||
                templateId == CancelOrderDecoder.TEMPLATE_ID || templateId == ReplaceOrderDecoder.TEMPLATE_ID ||
                templateId == FillDecoder.TEMPLATE_ID;
            if (byOrder && (!orderEvent || event.values[EventPrinter.ORDER_ID] != orderId))
            {
                return false;
            }
            if (!byAccount && !byInstrument)
            {
                return true;
            }
            if (templateId == MarketDataUpdateDecoder.TEMPLATE_ID)
            {
                return !byAccount && event.values[EventPrinter.INSTRUMENT_ID] == instrumentId;
            }
            if (!orderEvent)
            {
                return false;
            }
            long account = event.values[EventPrinter.ACCOUNT_ID];
            long instrument = templateId == NewOrderDecoder.TEMPLATE_ID ?
                event.values[EventPrinter.INSTRUMENT_ID] : Long.MIN_VALUE;
            if (templateId != NewOrderDecoder.TEMPLATE_ID && replay.orders.get(event.values[EventPrinter.ORDER_ID], order))
            {
                account = order.accountId;
                instrument = order.instrumentId;
            }
            return (!byAccount || account == accountId) && (!byInstrument || instrument == instrumentId);
        }
    }
}
