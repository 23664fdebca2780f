package io.tradestore.core;

/**
 * Layout of the market-data file: a header then one fixed slot per instrument, instrument {@code i} at slot
 * {@code i - 1}. Little-endian, as Agrona writes it.
 * <pre>
 *   File header (64 bytes)
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +---------------------------------------------------------------+
 *   |                        magic (int64)                          |
 *   |        layout version (int32)  |   instrument capacity (int32)  |
 *   |                 ... padding to 64 bytes ...                   |
 *   +---------------------------------------------------------------+
 *   Slot (128 bytes, two cache lines, one writer)
 *   +---------------------------------------------------------------+
 *   |  seqlock version: int32 ({@link SeqLock}), odd while the writer |
 *   |  is in the slot; the next 4 bytes are unused (an int64 before)  |
 *   |  bidPrice | bidQuantity | askPrice | askQuantity               |
 *   |  lastPrice | lastQuantity | updateCount | timestampNs          |
 *   |                 ... padding to 128 bytes ...                  |
 *   +---------------------------------------------------------------+
 * </pre>
 */
final class MarketDataDescriptor
{
    static final long MAGIC = 0x5453_4D44_4154_4131L;
    static final int LAYOUT_VERSION = 1;
    static final int HEADER_LENGTH = 64;
    static final int MAGIC_OFFSET = 0;
    static final int LAYOUT_VERSION_OFFSET = 8;
    static final int CAPACITY_OFFSET = 12;

    static final int SLOT_LENGTH = 128;
    static final int VERSION_OFFSET = 0;
    static final int BID_PRICE_OFFSET = 8;
    static final int BID_QUANTITY_OFFSET = 16;
    static final int ASK_PRICE_OFFSET = 24;
    static final int ASK_QUANTITY_OFFSET = 32;
    static final int LAST_PRICE_OFFSET = 40;
    static final int LAST_QUANTITY_OFFSET = 48;
    static final int UPDATE_COUNT_OFFSET = 56;
    static final int TIMESTAMP_OFFSET = 64;

    private MarketDataDescriptor()
    {
    }

    static long fileLength(final int instrumentCapacity)
    {
        return HEADER_LENGTH + (long)instrumentCapacity * SLOT_LENGTH;
    }

    static int slotOffset(final int instrumentId)
    {
        return HEADER_LENGTH + (instrumentId - 1) * SLOT_LENGTH;
    }
}
