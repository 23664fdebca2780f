package io.tradestore.core;

/**
 * A mutable, reusable on-heap copy of one position, keyed by (accountId, instrumentId).
 * <p>
 * Notionals, open cost and PnL are in price units times quantity: fixed point with 4 implied decimals.
 * {@code openCost} carries the sign of {@code netQuantity} (positive for a long, negative for a short) and is
 * the average-cost basis of the open quantity. One instance per thread; not thread safe.
 */
public final class PositionRecord
{
    /** Account of the position. */
    public long accountId;
    /** Instrument of the position. */
    public int instrumentId;
    /** Signed net quantity: bought minus sold. */
    public long netQuantity;
    /** Total bought quantity. */
    public long buyQuantity;
    /** Total sold quantity. */
    public long sellQuantity;
    /** Total bought notional (sum of price x quantity). */
    public long buyNotional;
    /** Total sold notional (sum of price x quantity). */
    public long sellNotional;
    /** Average-cost basis of the open quantity, signed like {@link #netQuantity}. */
    public long openCost;
    /** Realized PnL by the average-cost method. */
    public long realizedPnl;

    /**
     * Reset to a flat position for the given key.
     *
     * @param accountId    of the position.
     * @param instrumentId of the position.
     * @return this.
     */
    public PositionRecord reset(final long accountId, final int instrumentId)
    {
        this.accountId = accountId;
        this.instrumentId = instrumentId;
        netQuantity = 0;
        buyQuantity = 0;
        sellQuantity = 0;
        buyNotional = 0;
        sellNotional = 0;
        openCost = 0;
        realizedPnl = 0;
        return this;
    }

    /**
     * Copy every field of another record.
     *
     * @param other to copy from.
     * @return this.
     */
    public PositionRecord copyFrom(final PositionRecord other)
    {
        accountId = other.accountId;
        instrumentId = other.instrumentId;
        netQuantity = other.netQuantity;
        buyQuantity = other.buyQuantity;
        sellQuantity = other.sellQuantity;
        buyNotional = other.buyNotional;
        sellNotional = other.sellNotional;
        openCost = other.openCost;
        realizedPnl = other.realizedPnl;
        return this;
    }

    /**
     * Unrealized PnL of the open quantity at a mark price: {@code mark x netQuantity - openCost}.
     *
     * @param markPrice fixed point price; 0 or less means no mark, which gives 0.
     * @return unrealized PnL in fixed point notional units, saturating at the long range on overflow.
     */
    public long unrealizedPnl(final long markPrice)
    {
        if (markPrice <= 0 || netQuantity == 0)
        {
            return 0;
        }
        final long high = Math.multiplyHigh(markPrice, netQuantity);
        final long low = markPrice * netQuantity;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0))
        {
            final long result = low - openCost;
            if (((low ^ result) & (openCost ^ low)) < 0)
            {
                return low < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            return result;
        }
        return high < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    @Override
    public String toString()
    {
        return "Position{account=" + accountId + ", instrument=" + instrumentId + ", net=" + netQuantity +
            ", buyQty=" + buyQuantity + ", sellQty=" + sellQuantity + ", buyNotional=" + buyNotional +
            ", sellNotional=" + sellNotional + ", openCost=" + openCost + ", realizedPnl=" + realizedPnl + '}';
    }
}
