package io.tradestore.core;

/**
 * Off-heap layout of an order in the Chronicle Map order store; chronicle-values generates the flyweight.
 * Public only because the generated classes need it; use {@link OrderRecord} and {@link OrderStore}.
 */
public interface OrderValue
{
    /** @return owning account. */
    long getAccountId();

    /** @param value owning account. */
    void setAccountId(long value);

    /** @return instrument. */
    int getInstrumentId();

    /** @param value instrument. */
    void setInstrumentId(int value);

    /** @return side code. */
    byte getSide();

    /** @param value side code. */
    void setSide(byte value);

    /** @return status code. */
    byte getStatus();

    /** @param value status code. */
    void setStatus(byte value);

    /** @return limit price. */
    long getPrice();

    /** @param value limit price. */
    void setPrice(long value);

    /** @return ordered quantity. */
    long getQuantity();

    /** @param value ordered quantity. */
    void setQuantity(long value);

    /** @return filled quantity. */
    long getFilledQuantity();

    /** @param value filled quantity. */
    void setFilledQuantity(long value);

    /** @return creating sequence. */
    long getCreatedSequence();

    /** @param value creating sequence. */
    void setCreatedSequence(long value);

    /** @return last changing sequence. */
    long getLastSequence();

    /** @param value last changing sequence. */
    void setLastSequence(long value);
}
