package io.tradestore.core;

import io.tradestore.core.sbe.OrderStatus;
import io.tradestore.core.sbe.Side;

/**
 * A mutable, reusable on-heap copy of one order. Stores copy into and out of it so that no reference to
 * off-heap memory escapes a lock. One instance per thread; not thread safe.
 */
public final class OrderRecord
{
    /** Order id as given by the client; the store key. */
    public long orderId;
    /** Owning account. */
    public long accountId;
    /** Instrument, 1..instrument capacity. */
    public int instrumentId;
    /** {@link Side#value()} of the order. */
    public byte side;
    /** {@link OrderStatus#value()} of the order. */
    public byte status;
    /** Limit price, fixed point with 4 implied decimals. */
    public long price;
    /** Ordered quantity, whole units. */
    public long quantity;
    /** Filled quantity so far, whole units. */
    public long filledQuantity;
    /** Store sequence of the NewOrder that created the order. */
    public long createdSequence;
    /** Store sequence of the last event that changed the order. */
    public long lastSequence;

    /** @return true when the order can still be filled, replaced or cancelled. */
    public boolean isLive()
    {
        return status == OrderStatus.NEW.value() || status == OrderStatus.PARTIALLY_FILLED.value();
    }

    /** @return the remaining open quantity. */
    public long leavesQuantity()
    {
        return isLive() ? quantity - filledQuantity : 0;
    }

    /**
     * Copy every field of another record.
     *
     * @param other to copy from.
     * @return this.
     */
    public OrderRecord copyFrom(final OrderRecord other)
    {
        orderId = other.orderId;
        accountId = other.accountId;
        instrumentId = other.instrumentId;
        side = other.side;
        status = other.status;
        price = other.price;
        quantity = other.quantity;
        filledQuantity = other.filledQuantity;
        createdSequence = other.createdSequence;
        lastSequence = other.lastSequence;
        return this;
    }

    /** @return the side as the schema enum. */
    public Side sideEnum()
    {
        return Side.get(side);
    }

    /** @return the status as the schema enum. */
    public OrderStatus statusEnum()
    {
        return OrderStatus.get(status);
    }

    @Override
    public String toString()
    {
        return "Order{id=" + orderId + ", account=" + accountId + ", instrument=" + instrumentId +
            ", side=" + sideEnum() + ", status=" + statusEnum() + ", price=" + price + ", quantity=" + quantity +
            ", filled=" + filledQuantity + ", createdSeq=" + createdSequence + ", lastSeq=" + lastSequence + '}';
    }
}
