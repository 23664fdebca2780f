package io.tradestore.core;

import org.agrona.collections.LongArrayList;

import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A summary of the whole state: CRC32C over a canonical encoding of every order (ascending order id), every
 * position (ascending account, then instrument) and every instrument's market data (ascending instrument id,
 * instruments never updated skipped), plus the counts. Equal digests mean equal state.
 * <p>
 * Use {@link #of(OrderStore, PositionStore, MarketDataStore)} for the stores, or feed records yourself in the
 * canonical order (as an independent model does) and call {@link #value()}. Not a hot-path operation: it sorts
 * keys on the heap. Not thread safe.
 */
public final class StateDigest
{
    private final CRC32C crc = new CRC32C();
    private final byte[] scratch = new byte[128];
    private int scratchLength;
    private long orderCount;
    private long positionCount;
    private long instrumentCount;

    /**
     * Digest the stores. Call from the apply thread, or while the pipeline is stopped, for a consistent result.
     *
     * @param orders     order store.
     * @param positions  position store.
     * @param marketData market-data store.
     * @return the digest value.
     */
    public static long of(final OrderStore orders, final PositionStore positions, final MarketDataStore marketData)
    {
        final StateDigest digest = new StateDigest();

        final LongArrayList orderIds = new LongArrayList();
        orders.forEachOrderId(orderIds::addLong);
        final long[] ids = orderIds.toLongArray();
        Arrays.sort(ids);
        final OrderRecord order = new OrderRecord();
        for (final long id : ids)
        {
            if (orders.get(id, order))
            {
                digest.order(order);
            }
        }

        final long[][] keys = positions.sortedKeys();
        final PositionRecord position = new PositionRecord();
        for (final long[] key : keys)
        {
            if (positions.get(key[0], (int)key[1], position))
            {
                digest.position(position);
            }
        }

        final MarketDataRecord md = new MarketDataRecord();
        for (int i = 1; i <= marketData.instrumentCapacity(); i++)
        {
            if (marketData.read(i, md))
            {
                digest.marketData(md);
            }
        }

        return digest.value();
    }

    /**
     * Add an order; orders must be added in ascending order id.
     *
     * @param order to add.
     * @return this.
     */
    public StateDigest order(final OrderRecord order)
    {
        begin('O');
        putLong(order.orderId);
        putLong(order.accountId);
        putLong(order.instrumentId);
        putLong(order.side);
        putLong(order.status);
        putLong(order.price);
        putLong(order.quantity);
        putLong(order.filledQuantity);
        putLong(order.createdSequence);
        putLong(order.lastSequence);
        end();
        orderCount++;
        return this;
    }

    /**
     * Add a position; positions must be added in ascending (account, instrument).
     *
     * @param position to add.
     * @return this.
     */
    public StateDigest position(final PositionRecord position)
    {
        begin('P');
        putLong(position.accountId);
        putLong(position.instrumentId);
        putLong(position.netQuantity);
        putLong(position.buyQuantity);
        putLong(position.sellQuantity);
        putLong(position.buyNotional);
        putLong(position.sellNotional);
        putLong(position.openCost);
        putLong(position.realizedPnl);
        end();
        positionCount++;
        return this;
    }

    /**
     * Add the market data of an instrument that has been updated at least once, in ascending instrument id.
     *
     * @param md to add.
     * @return this.
     */
    public StateDigest marketData(final MarketDataRecord md)
    {
        begin('M');
        putLong(md.instrumentId);
        putLong(md.bidPrice);
        putLong(md.bidQuantity);
        putLong(md.askPrice);
        putLong(md.askQuantity);
        putLong(md.lastPrice);
        putLong(md.lastQuantity);
        putLong(md.updateCount);
        putLong(md.timestampNs);
        end();
        instrumentCount++;
        return this;
    }

    /** @return the digest: CRC32C in the low 32 bits, folded with the three counts in the high 32 bits. */
    public long value()
    {
        begin('E');
        putLong(orderCount);
        putLong(positionCount);
        putLong(instrumentCount);
        end();
        final long counts = (orderCount * 31 + positionCount) * 31 + instrumentCount;
        return ((counts & 0xFFFF_FFFFL) << 32) | crc.getValue();
    }

    /**
     * @param digest value.
     * @return the digest as 16 hex digits.
     */
    public static String toHex(final long digest)
    {
        return String.format("%016x", digest);
    }

    private void begin(final char kind)
    {
        scratchLength = 0;
        scratch[scratchLength++] = (byte)kind;
    }

    private void putLong(final long value)
    {
        for (int i = 0; i < 8; i++)
        {
            scratch[scratchLength++] = (byte)(value >>> (8 * i));
        }
    }

    private void end()
    {
        crc.update(scratch, 0, scratchLength);
    }
}
