package io.tradestore.journal.tool;

import io.tradestore.core.OrderRecord;
import io.tradestore.core.PositionRecord;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code state}: positions (with realized PnL) and open orders as they were right after a sequence or a time,
 * rebuilt in scratch stores from the newest usable snapshot at or before that point plus the journal after it
 * (from the first event when there is no such snapshot).
 * <p>
 * {@code --at-time T} means the journal prefix whose ingest timestamps are at or before {@code T}, found by a
 * binary search over the journal's timestamps; a time before the first event is out of range. {@code --at-seq S} beyond the
 * journal end is out of range. Without either, the state at the journal end.
 * <p>
 * Output: positions ascending by (account, instrument), then live orders ascending by orderId. JSON: one object
 * per line with {@code "kind":"position"} or {@code "kind":"order"}; CSV: one header, a {@code kind} column and
 * the union of the columns. Read-only. Single thread.
 */
public final class StateTool
{
    private static final String[] ORDER_STATUS = { "NEW", "PARTIALLY_FILLED", "FILLED", "CANCELLED" };
    private static final String[] SIDES = { "BUY", "SELL" };
    private static final String CSV_HEADER = "kind,accountId,instrumentId,netQuantity,buyQuantity,sellQuantity," +
        "buyNotional,sellNotional,realizedPnl,orderId,side,price,quantity,filledQuantity,status,createdSequence," +
        "lastSequence";

    /** Options of {@code state} besides the shared {@link ToolOptions}: the point in the journal. Not thread safe. */
    public static final class Options
    {
        private Long atSequence;
        private String atTime;

        /**
         * @param atSequence state right after this sequence ({@code --at-seq}); exclusive with {@link #atTime}.
         * @return this.
         */
        public Options atSequence(final Long atSequence)
        {
            this.atSequence = atSequence;
            return this;
        }

        /**
         * @param atTime ISO-8601 UTC instant ({@code --at-time}); exclusive with {@link #atSequence}.
         * @return this.
         */
        public Options atTime(final String atTime)
        {
            this.atTime = atTime;
            return this;
        }
    }

    private final ToolOptions common;
    private final Options options;

    /**
     * @param common  data directory, format, account filter and assumed capacities; read when {@link #run} is called.
     * @param options the point in the journal; read when {@link #run} is called.
     */
    public StateTool(final ToolOptions common, final Options options)
    {
        this.common = common;
        this.options = options;
    }

    /**
     * Rebuild and print the state.
     *
     * @param out receives positions and open orders.
     * @param err receives one line on error, and progress when attached to a terminal.
     * @return {@link ToolExit#OK} or {@link ToolExit#ERROR}.
     */
    public int run(final PrintStream out, final PrintStream err)
    {
        try
        {
            final Options o = options;
            if (o.atSequence != null && o.atTime != null)
            {
                throw new ToolException("give either --at-seq or --at-time, not both");
            }
            if (o.atSequence != null && o.atSequence < 0)
            {
                throw new ToolException("--at-seq must be >= 0: " + o.atSequence);
            }
            final long atTimeNs = o.atTime == null ? Long.MAX_VALUE : TimeFormat.parseNs("--at-time", o.atTime);
            final DataDirectory data = DataDirectory.open(common.data());
            try (ScratchReplay replay =
                ScratchReplay.create(data, data.capacities(common.assumedCapacities(), err, "state")))
            {
                long target = o.atSequence == null ? Long.MAX_VALUE : o.atSequence;
                if (o.atTime != null)
                {
                    target = replay.lastSequenceAtOrBefore(atTimeNs);
                    if (target == 0)
                    {
                        throw new ToolException("--at-time " + o.atTime + " is before the first journaled event");
                    }
                    if (target != Long.MAX_VALUE)
                    {
                        replay.startFromSnapshot(target);
                    }
                }
                else
                {
                    replay.startFromSnapshot(target);
                }
                replay.stopAfterTimestamp(atTimeNs);
                final long reached = target == 0 ? 0 : replay.replay(target, null, err);
                if (o.atSequence != null && reached < target)
                {
                    throw new ToolException("--at-seq " + target + " is beyond the journal end " + reached);
                }
                if (o.atTime != null && reached == 0)
                {
                    throw new ToolException("--at-time " + o.atTime + " is before the first journaled event");
                }
                print(out, replay, common.accountId(), common.format());
            }
            return ToolExit.OK;
        }
        catch (final ToolException ex)
        {
            out.flush();
            err.println("state: " + ex.getMessage());
            return ToolExit.ERROR;
        }
    }

    private static void print(
        final PrintStream out, final ScratchReplay replay, final Long accountId, final OutputFormat format)
    {
        final List<PositionRecord> positions = new ArrayList<>();
        final PositionRecord position = new PositionRecord();
        for (final long[] key : replay.positions.sortedKeys())
        {
            if ((accountId == null || key[0] == accountId) && replay.positions.get(key[0], (int)key[1], position))
            {
                positions.add(new PositionRecord().copyFrom(position));
            }
        }
        final List<OrderRecord> orders = new ArrayList<>();
        replay.orders.forEach((order) ->
        {
            if (order.isLive() && (accountId == null || order.accountId == accountId))
            {
                orders.add(new OrderRecord().copyFrom(order));
            }
        });
        orders.sort((a, b) -> Long.compare(a.orderId, b.orderId));

        final StringBuilder b = new StringBuilder(1024);
        switch (format)
        {
            case JSON:
                for (final PositionRecord p : positions)
                {
                    b.append("{\"kind\":\"position\",\"accountId\":").append(p.accountId)
                        .append(",\"instrumentId\":").append(p.instrumentId)
                        .append(",\"netQuantity\":").append(p.netQuantity)
                        .append(",\"buyQuantity\":").append(p.buyQuantity)
                        .append(",\"sellQuantity\":").append(p.sellQuantity)
                        .append(",\"buyNotional\":").append(p.buyNotional)
                        .append(",\"sellNotional\":").append(p.sellNotional)
                        .append(",\"realizedPnl\":").append(p.realizedPnl).append("}\n");
                    flushIfLarge(out, b);
                }
                for (final OrderRecord r : orders)
                {
                    b.append("{\"kind\":\"order\",\"orderId\":").append(r.orderId)
                        .append(",\"accountId\":").append(r.accountId)
                        .append(",\"instrumentId\":").append(r.instrumentId)
                        .append(",\"side\":\"").append(side(r.side))
                        .append("\",\"price\":").append(r.price)
                        .append(",\"quantity\":").append(r.quantity)
                        .append(",\"filledQuantity\":").append(r.filledQuantity)
                        .append(",\"status\":\"").append(status(r.status))
                        .append("\",\"createdSequence\":").append(r.createdSequence)
                        .append(",\"lastSequence\":").append(r.lastSequence).append("}\n");
                    flushIfLarge(out, b);
                }
                break;

            case CSV:
                b.append(CSV_HEADER).append('\n');
                for (final PositionRecord p : positions)
                {
                    b.append("position,").append(p.accountId).append(',').append(p.instrumentId).append(',')
                        .append(p.netQuantity).append(',').append(p.buyQuantity).append(',').append(p.sellQuantity)
                        .append(',').append(p.buyNotional).append(',').append(p.sellNotional).append(',')
                        .append(p.realizedPnl).append(",,,,,,,,\n");
                    flushIfLarge(out, b);
                }
                for (final OrderRecord r : orders)
                {
                    b.append("order,").append(r.accountId).append(',').append(r.instrumentId).append(",,,,,,,")
                        .append(r.orderId).append(',').append(side(r.side)).append(',').append(r.price).append(',')
                        .append(r.quantity).append(',').append(r.filledQuantity).append(',').append(status(r.status))
                        .append(',').append(r.createdSequence).append(',').append(r.lastSequence).append('\n');
                    flushIfLarge(out, b);
                }
                break;

            default:
                b.append(String.format("POSITIONS (%d)%n%12s %10s %14s %14s %14s %20s %20s %20s%n", positions.size(),
                    "ACCOUNT", "INSTRUMENT", "NET", "BUY QTY", "SELL QTY", "BUY NOTIONAL", "SELL NOTIONAL",
                    "REALIZED PNL"));
                for (final PositionRecord p : positions)
                {
                    b.append(String.format("%12d %10d %14d %14d %14d %20d %20d %20d%n", p.accountId, p.instrumentId,
                        p.netQuantity, p.buyQuantity, p.sellQuantity, p.buyNotional, p.sellNotional, p.realizedPnl));
                    flushIfLarge(out, b);
                }
                b.append(String.format("%nOPEN ORDERS (%d)%n%20s %12s %10s %4s %16s %14s %14s %-16s %12s %12s%n",
                    orders.size(), "ORDER", "ACCOUNT", "INSTRUMENT", "SIDE", "PRICE", "QUANTITY", "FILLED", "STATUS",
                    "CREATED SEQ", "LAST SEQ"));
                for (final OrderRecord r : orders)
                {
                    b.append(String.format("%20d %12d %10d %4s %16d %14d %14d %-16s %12d %12d%n", r.orderId,
                        r.accountId, r.instrumentId, side(r.side), r.price, r.quantity, r.filledQuantity,
                        status(r.status), r.createdSequence, r.lastSequence));
                    flushIfLarge(out, b);
                }
                break;
        }
        out.append(b);
        out.flush();
    }

    private static void flushIfLarge(final PrintStream out, final StringBuilder b)
    {
        if (b.length() > 64 * 1024)
        {
            out.append(b);
            b.setLength(0);
        }
    }

    private static String side(final byte side)
    {
        return side >= 0 && side < SIDES.length ? SIDES[side] : Byte.toString(side);
    }

    private static String status(final byte status)
    {
        return status >= 0 && status < ORDER_STATUS.length ? ORDER_STATUS[status] : Byte.toString(status);
    }
}
