package io.tradestore.core;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Layout of a position's value in the position store's Chronicle Map entry (the key, account and instrument, is
 * Chronicle's). Little-endian; one writer (the apply thread), readers copy under {@link SeqLock}.
 * <pre>
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +---------------------------------------------------------------+
 *   |  seqlock version (int32)      |  padding (int32)              |
 *   |                     netQuantity (int64)                       |
 *   |                     buyQuantity (int64)                       |
 *   |                    sellQuantity (int64)                       |
 *   |                     buyNotional (int64)                       |
 *   |                    sellNotional (int64)                       |
 *   |                      openCost (int64)                         |
 *   |                     realizedPnl (int64)                       |
 *   +---------------------------------------------------------------+
 * </pre>
 */
final class PositionLayout
{
    static final int LENGTH = 64;
    static final int VERSION_OFFSET = 0;
    static final int NET_QUANTITY_OFFSET = 8;
    static final int BUY_QUANTITY_OFFSET = 16;
    static final int SELL_QUANTITY_OFFSET = 24;
    static final int BUY_NOTIONAL_OFFSET = 32;
    static final int SELL_NOTIONAL_OFFSET = 40;
    static final int OPEN_COST_OFFSET = 48;
    static final int REALIZED_PNL_OFFSET = 56;

    private PositionLayout()
    {
    }

    /** Write every value field of {@code record} except the version: the caller holds the write side. */
    static void writeFields(final UnsafeBuffer buffer, final PositionRecord record)
    {
        buffer.putLong(NET_QUANTITY_OFFSET, record.netQuantity);
        buffer.putLong(BUY_QUANTITY_OFFSET, record.buyQuantity);
        buffer.putLong(SELL_QUANTITY_OFFSET, record.sellQuantity);
        buffer.putLong(BUY_NOTIONAL_OFFSET, record.buyNotional);
        buffer.putLong(SELL_NOTIONAL_OFFSET, record.sellNotional);
        buffer.putLong(OPEN_COST_OFFSET, record.openCost);
        buffer.putLong(REALIZED_PNL_OFFSET, record.realizedPnl);
    }

    /** Read every value field into {@code record} (its key is the caller's), no version check. */
    static void readFields(final UnsafeBuffer buffer, final PositionRecord record)
    {
        record.netQuantity = buffer.getLong(NET_QUANTITY_OFFSET);
        record.buyQuantity = buffer.getLong(BUY_QUANTITY_OFFSET);
        record.sellQuantity = buffer.getLong(SELL_QUANTITY_OFFSET);
        record.buyNotional = buffer.getLong(BUY_NOTIONAL_OFFSET);
        record.sellNotional = buffer.getLong(SELL_NOTIONAL_OFFSET);
        record.openCost = buffer.getLong(OPEN_COST_OFFSET);
        record.realizedPnl = buffer.getLong(REALIZED_PNL_OFFSET);
    }

    /** Copy a consistent position from a buffer the apply thread may be writing: any thread. */
    static void readConsistent(final UnsafeBuffer buffer, final PositionRecord record)
    {
        int spins = 0;
        while (true)
        {
            final int version = SeqLock.beginRead(buffer, VERSION_OFFSET);
            readFields(buffer, record);
            if (SeqLock.isUnchanged(buffer, VERSION_OFFSET, version))
            {
                return;
            }
            spins = SeqLock.backOff(spins);
        }
    }

    /** Overwrite the position in place under the seqlock: the apply thread only. */
    static void update(final UnsafeBuffer buffer, final PositionRecord record)
    {
        final int version = SeqLock.beginWrite(buffer, VERSION_OFFSET);
        writeFields(buffer, record);
        SeqLock.endWrite(buffer, VERSION_OFFSET, version);
    }
}
