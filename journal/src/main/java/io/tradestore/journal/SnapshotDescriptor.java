package io.tradestore.journal;

/**
 * Layout of a snapshot file, {@code DATA/snapshots/snapshot-<sequence, 20 digits>.bin}: the complete state
 * after applying every event up to and including {@code sequence}. Little-endian.
 * <pre>
 *   Header (64 bytes)
 *   +---------------------------------------------------------------+
 *   |  0 magic (int64) "TSSNAP01"                                   |
 *   |  8 version (int32)            | 12 market-data count (int32)  |
 *   | 16 sequence (int64): last event included                      |
 *   | 24 timestamp ns (int64) of that event                         |
 *   | 32 state digest (int64), as StateDigest computes it           |
 *   | 40 order count (int64)                                        |
 *   | 48 position count (int64)                                     |
 *   | 56 body CRC32C (int32)        | 60 header CRC32C of [0, 60)   |
 *   +---------------------------------------------------------------+
 *   Body: order records, then position records, then market-data records
 *   Order (64): orderId, accountId (int64) | instrumentId (int32) side (int8) status (int8) pad (2)
 *               | price, quantity, filledQuantity, createdSequence, lastSequence (int64)
 *   Position (72): accountId (int64) | instrumentId (int32) pad (4) | netQuantity, buyQuantity, sellQuantity,
 *               buyNotional, sellNotional, openCost, realizedPnl (int64)
 *   Market data (72): instrumentId (int32) pad (4) | bidPrice, bidQuantity, askPrice, askQuantity, lastPrice,
 *               lastQuantity, updateCount, timestampNs (int64)
 * </pre>
 * Written to {@code .tmp}, forced, then renamed: a snapshot file either is complete or does not exist. Loading
 * checks both CRCs and, after loading, recomputes the digest.
 */
final class SnapshotDescriptor
{
    static final long MAGIC = 0x3130_5041_4E53_5354L;
    static final int VERSION = 1;
    static final int HEADER_LENGTH = 64;
    static final int VERSION_OFFSET = 8;
    static final int MARKET_DATA_COUNT_OFFSET = 12;
    static final int SEQUENCE_OFFSET = 16;
    static final int TIMESTAMP_OFFSET = 24;
    static final int DIGEST_OFFSET = 32;
    static final int ORDER_COUNT_OFFSET = 40;
    static final int POSITION_COUNT_OFFSET = 48;
    static final int BODY_CRC_OFFSET = 56;
    static final int HEADER_CRC_OFFSET = 60;

    static final int ORDER_LENGTH = 64;
    static final int POSITION_LENGTH = 72;
    static final int MARKET_DATA_LENGTH = 72;

    static final String PREFIX = "snapshot-";
    static final String SUFFIX = ".bin";

    private SnapshotDescriptor()
    {
    }

    static String fileName(final long sequence)
    {
        return PREFIX + String.format("%020d", sequence) + SUFFIX;
    }

    /** @return the sequence in a snapshot file name, or -1 when the name is not one. */
    static long sequenceOf(final String name)
    {
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX) ||
            name.length() != PREFIX.length() + 20 + SUFFIX.length())
        {
            return -1;
        }
        try
        {
            return Long.parseLong(name.substring(PREFIX.length(), PREFIX.length() + 20));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}
