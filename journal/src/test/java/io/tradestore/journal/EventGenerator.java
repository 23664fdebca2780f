package io.tradestore.journal;

import io.tradestore.core.sbe.CancelOrderEncoder;
import io.tradestore.core.sbe.FillEncoder;
import io.tradestore.core.sbe.MarketDataUpdateEncoder;
import io.tradestore.core.sbe.MessageHeaderEncoder;
import io.tradestore.core.sbe.NewOrderEncoder;
import io.tradestore.core.sbe.ReplaceOrderEncoder;
import io.tradestore.core.sbe.Side;
import org.agrona.MutableDirectBuffer;

/**
 * A seeded event stream in which event {@code n} is a pure function of (seed, n): any process can regenerate
 * exactly what was sent at any sequence. Orders are created with id = sequence; cancels, replaces and fills target
 * recent order ids, so the stream mixes accepted events with deterministic rejects (unknown order, overfill, order
 * not live, invalid quantity...). Not thread safe.
 */
final class EventGenerator
{
    static final int ACCOUNTS = 37;
    static final int INSTRUMENTS = 16;
    static final long BASE_TIMESTAMP_NS = 1_767_225_600_000_000_000L;

    private final long seed;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancel = new CancelOrderEncoder();
    private final ReplaceOrderEncoder replace = new ReplaceOrderEncoder();
    private final FillEncoder fill = new FillEncoder();
    private final MarketDataUpdateEncoder marketData = new MarketDataUpdateEncoder();

    EventGenerator(final long seed)
    {
        this.seed = seed;
    }

    static long timestampNs(final long sequence)
    {
        return BASE_TIMESTAMP_NS + sequence * 1_000;
    }

    /**
     * Encode event {@code sequence} at {@code offset}.
     *
     * @return its length.
     */
    int encode(final long sequence, final MutableDirectBuffer buffer, final int offset)
    {
        final long h = mix(seed * 0x9E37_79B9_7F4A_7C15L + sequence);
        final int kind = (int)Long.remainderUnsigned(h, 100);
        final long target = Math.max(1, sequence - 1 - Long.remainderUnsigned(h >>> 8, 300));
        final long targetAccount = 1 + target % ACCOUNTS;
        final long price = 10_000 + Long.remainderUnsigned(h >>> 12, 5_000);
        if (kind < 40)
        {
            newOrder.wrapAndApplyHeader(buffer, offset, header)
                .correlationId(sequence)
                .orderId(sequence)
                .accountId(1 + sequence % ACCOUNTS)
                .instrumentId((int)(1 + (sequence * 7) % INSTRUMENTS))
                .side((sequence & 1) == 0 ? Side.BUY : Side.SELL)
                .price(price)
                .quantity(Long.remainderUnsigned(h >>> 24, 100));
            return MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength();
        }
        if (kind < 52)
        {
            cancel.wrapAndApplyHeader(buffer, offset, header)
                .correlationId(sequence)
                .orderId(target)
                .accountId(targetAccount);
            return MessageHeaderEncoder.ENCODED_LENGTH + cancel.encodedLength();
        }
        if (kind < 62)
        {
            replace.wrapAndApplyHeader(buffer, offset, header)
                .correlationId(sequence)
                .orderId(target)
                .accountId(targetAccount)
                .price(price)
                .quantity(1 + Long.remainderUnsigned(h >>> 30, 120));
            return MessageHeaderEncoder.ENCODED_LENGTH + replace.encodedLength();
        }
        if (kind < 85)
        {
            fill.wrapAndApplyHeader(buffer, offset, header)
                .correlationId(sequence)
                .execId(sequence)
                .orderId(target)
                .accountId(targetAccount)
                .price(price)
                .quantity(1 + Long.remainderUnsigned(h >>> 36, 40));
            return MessageHeaderEncoder.ENCODED_LENGTH + fill.encodedLength();
        }
        final long bid = price - 5;
        marketData.wrapAndApplyHeader(buffer, offset, header)
            .correlationId(sequence)
            .instrumentId((int)(1 + Long.remainderUnsigned(h >>> 40, INSTRUMENTS)))
            .bidPrice(bid)
            .bidQuantity(1 + (h >>> 50))
            .askPrice(price + 5)
            .askQuantity(1 + (h >>> 52))
            .lastPrice((h & 0x100) != 0 ? price : 0)
            .lastQuantity((h & 0x100) != 0 ? 7 : 0)
            .sequence(0)
            .timestamp(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + marketData.encodedLength();
    }

    private static long mix(final long value)
    {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
