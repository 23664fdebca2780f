package io.tradestore.core;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Layout of an order's value in the order store's Chronicle Map entry (the key, the order id, is Chronicle's).
 * Little-endian, as Agrona writes it; one writer (the apply thread), readers copy under {@link SeqLock}.
 * <pre>
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +---------------------------------------------------------------+
 *   |  seqlock version (int32)      |  instrumentId (int32)         |
 *   |                      accountId (int64)                        |
 *   |                        price (int64)                          |
 *   |                       quantity (int64)                        |
 *   |                    filledQuantity (int64)                     |
 *   |                   createdSequence (int64)                     |
 *   |                    lastSequence (int64)                       |
 *   |  side (int8)  | status (int8) |      padding to 64 bytes      |
 *   +---------------------------------------------------------------+
 * </pre>
 * The version is 32 bits because Chronicle Map places values only 4-byte aligned after some keys; its parity
 * survives wrap-around.
 */
final class OrderLayout
{
    static final int LENGTH = 64;
    static final int VERSION_OFFSET = 0;
    static final int INSTRUMENT_ID_OFFSET = 4;
    static final int ACCOUNT_ID_OFFSET = 8;
    static final int PRICE_OFFSET = 16;
    static final int QUANTITY_OFFSET = 24;
    static final int FILLED_QUANTITY_OFFSET = 32;
    static final int CREATED_SEQUENCE_OFFSET = 40;
    static final int LAST_SEQUENCE_OFFSET = 48;
    static final int SIDE_OFFSET = 56;
    static final int STATUS_OFFSET = 57;

    private OrderLayout()
    {
    }

    /** Write every field of {@code record} except the version: the caller holds the write side. */
    static void writeFields(final UnsafeBuffer buffer, final OrderRecord record)
    {
        buffer.putInt(INSTRUMENT_ID_OFFSET, record.instrumentId);
        buffer.putLong(ACCOUNT_ID_OFFSET, record.accountId);
        buffer.putLong(PRICE_OFFSET, record.price);
        buffer.putLong(QUANTITY_OFFSET, record.quantity);
        buffer.putLong(FILLED_QUANTITY_OFFSET, record.filledQuantity);
        buffer.putLong(CREATED_SEQUENCE_OFFSET, record.createdSequence);
        buffer.putLong(LAST_SEQUENCE_OFFSET, record.lastSequence);
        buffer.putByte(SIDE_OFFSET, record.side);
        buffer.putByte(STATUS_OFFSET, record.status);
    }

    /** Read every field into {@code record}, no version check: the writer's own view, or inside a seqlock read. */
    static void readFields(final UnsafeBuffer buffer, final long orderId, final OrderRecord record)
    {
        record.orderId = orderId;
        record.instrumentId = buffer.getInt(INSTRUMENT_ID_OFFSET);
        record.accountId = buffer.getLong(ACCOUNT_ID_OFFSET);
        record.price = buffer.getLong(PRICE_OFFSET);
        record.quantity = buffer.getLong(QUANTITY_OFFSET);
        record.filledQuantity = buffer.getLong(FILLED_QUANTITY_OFFSET);
        record.createdSequence = buffer.getLong(CREATED_SEQUENCE_OFFSET);
        record.lastSequence = buffer.getLong(LAST_SEQUENCE_OFFSET);
        record.side = buffer.getByte(SIDE_OFFSET);
        record.status = buffer.getByte(STATUS_OFFSET);
    }

    /** Copy a consistent order from a buffer the apply thread may be writing: any thread. */
    static void readConsistent(final UnsafeBuffer buffer, final long orderId, final OrderRecord record)
    {
        int spins = 0;
        while (true)
        {
            final int version = SeqLock.beginRead(buffer, VERSION_OFFSET);
            readFields(buffer, orderId, record);
            if (SeqLock.isUnchanged(buffer, VERSION_OFFSET, version))
            {
                return;
            }
            spins = SeqLock.backOff(spins);
        }
    }

    /** Overwrite the order in place under the seqlock: the apply thread only. */
    static void update(final UnsafeBuffer buffer, final OrderRecord record)
    {
        final int version = SeqLock.beginWrite(buffer, VERSION_OFFSET);
        writeFields(buffer, record);
        SeqLock.endWrite(buffer, VERSION_OFFSET, version);
    }
}
