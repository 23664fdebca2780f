package io.tradestore.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * Read-only queries over the three stores for tools, the gateway and tests: order by id, open orders and
 * positions of an account, exposure of an instrument across accounts, top accounts by realized PnL, and
 * unrealized PnL at the latest mark.
 * <p>
 * Any thread, any number of threads: each call allocates its own readers and copies what it returns, so results
 * never alias off-heap memory and the apply thread is never blocked for longer than a segment read lock. Not
 * for the hot path: the account and instrument queries scan a whole store (there is no secondary index), so
 * they cost O(orders) or O(positions). Each result is a consistent copy of every record it contains, but a scan
 * that runs while the apply thread writes is not a snapshot of the store as a whole.
 * <p>
 * Results come in a deterministic order, never hash order: orders by id, positions by instrument, accounts by
 * id (or by PnL, then id). Sums are computed exactly and saturate once at the int64 range, so they never throw
 * and do not depend on the order of addition. Quantities are whole units; prices, notionals and PnL are fixed
 * point with 4 implied decimals.
 */
public final class StoreQueries
{
    private final OrderStore orders;
    private final PositionStore positions;
    private final MarketDataStore marketData;

    /**
     * Net quantity of one account in one instrument.
     *
     * @param accountId   the account.
     * @param netQuantity signed net quantity, never 0 in an {@link Exposure}.
     */
    public record AccountExposure(long accountId, long netQuantity)
    {
    }

    /**
     * Exposure of one instrument across accounts.
     *
     * @param instrumentId  the instrument.
     * @param accounts      every account with a non-zero net quantity, ascending account id; immutable.
     * @param longQuantity  sum of the positive net quantities.
     * @param shortQuantity sum of the magnitudes of the negative net quantities (a non-negative number).
     * @param netQuantity   sum of all net quantities.
     */
    public record Exposure(
        int instrumentId, List<AccountExposure> accounts, long longQuantity, long shortQuantity, long netQuantity)
    {
    }

    /**
     * Realized PnL of one account summed over its instruments.
     *
     * @param accountId   the account.
     * @param realizedPnl sum of the realized PnL of the account's positions.
     */
    public record AccountPnl(long accountId, long realizedPnl)
    {
    }

    /**
     * @param orders     order store to read.
     * @param positions  position store to read.
     * @param marketData market-data store to read.
     */
    public StoreQueries(final OrderStore orders, final PositionStore positions, final MarketDataStore marketData)
    {
        this.orders = orders;
        this.positions = positions;
        this.marketData = marketData;
    }

    /**
     * @param orderId the order to find.
     * @return a copy of the order, or null when there is none.
     */
    public OrderRecord order(final long orderId)
    {
        final OrderRecord order = new OrderRecord();
        return orders.newReader().get(orderId, order) ? order : null;
    }

    /**
     * The live (NEW or PARTIALLY_FILLED) orders of an account. Scans the order store.
     *
     * @param accountId the account.
     * @return copies of the orders, ascending order id; immutable, empty when none.
     */
    public List<OrderRecord> openOrders(final long accountId)
    {
        final List<OrderRecord> result = new ArrayList<>();
        orders.forEach((order) ->
        {
            if (order.accountId == accountId && order.isLive())
            {
                result.add(new OrderRecord().copyFrom(order));
            }
        });
        result.sort((a, b) -> Long.compare(a.orderId, b.orderId));
        return Collections.unmodifiableList(result);
    }

    /**
     * The positions of an account, including flat ones (a position once opened is kept). Scans the position
     * store.
     *
     * @param accountId the account.
     * @return copies of the positions, ascending instrument id; immutable, empty when none.
     */
    public List<PositionRecord> positions(final long accountId)
    {
        final List<PositionRecord> result = new ArrayList<>();
        positions.forEach((position) ->
        {
            if (position.accountId == accountId)
            {
                result.add(new PositionRecord().copyFrom(position));
            }
        });
        result.sort((a, b) -> Integer.compare(a.instrumentId, b.instrumentId));
        return Collections.unmodifiableList(result);
    }

    /**
     * @param accountId    the account.
     * @param instrumentId the instrument.
     * @return a copy of the position, or null when the account never traded the instrument.
     */
    public PositionRecord position(final long accountId, final int instrumentId)
    {
        final PositionRecord position = new PositionRecord();
        return positions.newReader().get(accountId, instrumentId, position) ? position : null;
    }

    /**
     * Exposure of an instrument across accounts: per-account net quantity plus long, short and net totals.
     * Flat accounts are left out. Scans the position store.
     *
     * @param instrumentId the instrument.
     * @return the exposure; empty with zero totals for an unknown or untraded instrument.
     */
    public Exposure exposure(final int instrumentId)
    {
        final TreeMap<Long, Long> netByAccount = new TreeMap<>();
        positions.forEach((position) ->
        {
            if (position.instrumentId == instrumentId && position.netQuantity != 0)
            {
                netByAccount.put(position.accountId, position.netQuantity);
            }
        });

        final List<AccountExposure> accounts = new ArrayList<>(netByAccount.size());
        final Int128 longQuantity = new Int128();
        final Int128 shortQuantity = new Int128();
        final Int128 netQuantity = new Int128();
        netByAccount.forEach((accountId, net) ->
        {
            accounts.add(new AccountExposure(accountId, net));
            if (net > 0)
            {
                longQuantity.add(net);
            }
            else
            {
                shortQuantity.subtract(net);
            }
            netQuantity.add(net);
        });

        return new Exposure(
            instrumentId,
            Collections.unmodifiableList(accounts),
            longQuantity.saturated(),
            shortQuantity.saturated(),
            netQuantity.saturated());
    }

    /**
     * The accounts with the highest realized PnL summed over their instruments, highest first; equal PnL is
     * ordered by ascending account id. Scans the position store.
     *
     * @param n how many accounts at most; 0 or less gives an empty list.
     * @return up to n accounts; immutable.
     */
    public List<AccountPnl> topAccountsByRealizedPnl(final int n)
    {
        if (n <= 0)
        {
            return List.of();
        }
        final TreeMap<Long, Int128> pnlByAccount = new TreeMap<>();
        positions.forEach((position) ->
            pnlByAccount.computeIfAbsent(position.accountId, (ignore) -> new Int128()).add(position.realizedPnl));

        final List<AccountPnl> result = new ArrayList<>(pnlByAccount.size());
        pnlByAccount.forEach((accountId, pnl) -> result.add(new AccountPnl(accountId, pnl.saturated())));
        result.sort((a, b) ->
        {
            final int byPnl = Long.compare(b.realizedPnl(), a.realizedPnl());
            return byPnl != 0 ? byPnl : Long.compare(a.accountId(), b.accountId());
        });
        return Collections.unmodifiableList(new ArrayList<>(result.subList(0, Math.min(n, result.size()))));
    }

    /**
     * The mark price of an instrument: the last trade price, else the mid of a two-sided book, else 0.
     *
     * @param instrumentId the instrument.
     * @return the mark, or 0 when there is none or the instrument is unknown.
     */
    public long markPrice(final int instrumentId)
    {
        if (!marketData.isValidInstrument(instrumentId))
        {
            return 0;
        }
        final MarketDataRecord record = new MarketDataRecord();
        return marketData.read(instrumentId, record) ? record.markPrice() : 0;
    }

    /**
     * Unrealized PnL of one position at the instrument's latest mark ({@link PositionRecord#unrealizedPnl(long)}).
     *
     * @param accountId    the account.
     * @param instrumentId the instrument.
     * @return the unrealized PnL; 0 when there is no position or no mark.
     */
    public long unrealizedPnl(final long accountId, final int instrumentId)
    {
        final PositionRecord position = new PositionRecord();
        if (!positions.newReader().get(accountId, instrumentId, position))
        {
            return 0;
        }
        return position.unrealizedPnl(markPrice(instrumentId));
    }

    /**
     * Unrealized PnL of an account: the exact sum, saturated once, of the unrealized PnL of each of its
     * positions at that instrument's latest mark. Scans the position store.
     *
     * @param accountId the account.
     * @return the unrealized PnL; 0 when the account has no positions or no marks.
     */
    public long unrealizedPnl(final long accountId)
    {
        final Int128 total = new Int128();
        for (final PositionRecord position : positions(accountId))
        {
            total.add(position.unrealizedPnl(markPrice(position.instrumentId)));
        }
        return total.saturated();
    }

    /**
     * A two's complement 128-bit accumulator: exact sums of int64 values, saturated once at the end.
     */
    private static final class Int128
    {
        private long high;
        private long low;

        void add(final long value)
        {
            final long sum = low + value;
            high += (value >> 63) + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
            low = sum;
        }

        void subtract(final long value)
        {
            if (value == Long.MIN_VALUE)
            {
                add(Long.MAX_VALUE);
                add(1);
            }
            else
            {
                add(-value);
            }
        }

        long saturated()
        {
            if ((high == 0 && low >= 0) || (high == -1 && low < 0))
            {
                return low;
            }
            return high < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
