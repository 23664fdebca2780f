package io.tradestore.core;

/**
 * Off-heap key of the Chronicle Map position store; chronicle-values generates the flyweight.
 * Public only because the generated classes need it; use {@link PositionStore}.
 */
public interface PositionKey
{
    /** @return account. */
    long getAccountId();

    /** @param value account. */
    void setAccountId(long value);

    /** @return instrument. */
    int getInstrumentId();

    /** @param value instrument. */
    void setInstrumentId(int value);
}
