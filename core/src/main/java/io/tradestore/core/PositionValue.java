package io.tradestore.core;

/**
 * Off-heap layout of a position in the Chronicle Map position store; chronicle-values generates the flyweight.
 * Public only because the generated classes need it; use {@link PositionRecord} and {@link PositionStore}.
 */
public interface PositionValue
{
    /** @return net quantity. */
    long getNetQuantity();

    /** @param value net quantity. */
    void setNetQuantity(long value);

    /** @return bought quantity. */
    long getBuyQuantity();

    /** @param value bought quantity. */
    void setBuyQuantity(long value);

    /** @return sold quantity. */
    long getSellQuantity();

    /** @param value sold quantity. */
    void setSellQuantity(long value);

    /** @return bought notional. */
    long getBuyNotional();

    /** @param value bought notional. */
    void setBuyNotional(long value);

    /** @return sold notional. */
    long getSellNotional();

    /** @param value sold notional. */
    void setSellNotional(long value);

    /** @return average-cost basis of the open quantity. */
    long getOpenCost();

    /** @param value average-cost basis of the open quantity. */
    void setOpenCost(long value);

    /** @return realized PnL. */
    long getRealizedPnl();

    /** @param value realized PnL. */
    void setRealizedPnl(long value);
}
