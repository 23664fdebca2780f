package io.tradestore.core;

/**
 * A mutable, reusable on-heap copy of the market data of one instrument. Prices fixed point (4 implied
 * decimals), quantities whole units, 0 meaning "absent". One instance per thread; not thread safe.
 */
public final class MarketDataRecord
{
    /** Instrument id. */
    public int instrumentId;
    /** Best bid price. */
    public long bidPrice;
    /** Best bid quantity. */
    public long bidQuantity;
    /** Best ask price. */
    public long askPrice;
    /** Best ask quantity. */
    public long askQuantity;
    /** Last trade price. */
    public long lastPrice;
    /** Last trade quantity. */
    public long lastQuantity;
    /** Number of updates applied to this instrument. */
    public long updateCount;
    /** Ingest timestamp (ns since epoch) of the last update, as stamped on the event. */
    public long timestampNs;

    /**
     * The mark price used for unrealized PnL: the last trade price, else the mid of a two-sided book
     * (rounded toward negative infinity), else 0 (no mark).
     *
     * @return the mark price in fixed point, or 0 when there is none.
     */
    public long markPrice()
    {
        if (lastPrice > 0)
        {
            return lastPrice;
        }
        if (bidPrice > 0 && askPrice > 0)
        {
            return (bidPrice >> 1) + (askPrice >> 1) + (bidPrice & askPrice & 1);
        }
        return 0;
    }

    @Override
    public String toString()
    {
        return "MarketData{instrument=" + instrumentId + ", bid=" + bidQuantity + "@" + bidPrice + ", ask=" +
            askQuantity + "@" + askPrice + ", last=" + lastQuantity + "@" + lastPrice + ", updates=" + updateCount +
            ", ts=" + timestampNs + '}';
    }
}
