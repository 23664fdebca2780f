package io.tradestore.perf;

import io.tradestore.core.MessageValidator;
import io.tradestore.core.sbe.CancelOrderDecoder;
import io.tradestore.core.sbe.FillDecoder;
import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.NewOrderDecoder;
import io.tradestore.core.sbe.ReplaceOrderDecoder;
import io.tradestore.core.test.SessionGenerator;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The seeded session every scenario of {@link BenchTool} replays: generated once by {@link SessionGenerator}, with
 * the events that are not state-changing SBE messages (malformed headers, unsupported templates) skipped, and
 * stored back to back in one direct buffer so each scenario sends identical bytes. Events that are well formed but
 * break a business rule (unknown order, overfill, ...) stay in: a store has to reject them, and they cost it work.
 */
final class BenchWorkload
{
    static final int ACCOUNTS = 200;
    static final int INSTRUMENTS = 50;

    final UnsafeBuffer buffer;
    final int[] offsets;
    final int[] lengths;
    final int[] templateIds;
    final int count;
    final long seed;
    final int skipped;

    private BenchWorkload(
        final UnsafeBuffer buffer, final int[] offsets, final int[] lengths, final int[] templateIds, final int count,
        final long seed, final int skipped)
    {
        this.buffer = buffer;
        this.offsets = offsets;
        this.lengths = lengths;
        this.templateIds = templateIds;
        this.count = count;
        this.seed = seed;
        this.skipped = skipped;
    }

    /**
     * @param seed   of the generator.
     * @param events valid-framed events wanted.
     * @return the pre-generated session.
     */
    static BenchWorkload generate(final long seed, final int events)
    {
        final SessionGenerator generator = new SessionGenerator(new SessionGenerator.Config()
            .seed(seed).accounts(ACCOUNTS).instruments(INSTRUMENTS));
        final UnsafeBuffer buffer = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(events * SessionGenerator.MAX_EVENT_LENGTH, 64));
        final int[] offsets = new int[events];
        final int[] lengths = new int[events];
        final int[] templateIds = new int[events];
        int count = 0;
        int skipped = 0;
        int position = 0;
        while (count < events)
        {
            final int length = generator.next(buffer, position);
            final int templateId = MessageValidator.validate(buffer, position, length);
            if (!isStateEvent(templateId))
            {
                skipped++;
                continue;
            }
            offsets[count] = position;
            lengths[count] = length;
            templateIds[count] = templateId;
            count++;
            position += length;
        }
        return new BenchWorkload(buffer, offsets, lengths, templateIds, count, seed, skipped);
    }

    /**
     * @return the largest order id any event uses plus headroom, for sizing the order store.
     */
    long orderCapacity()
    {
        return Math.max(10_000, count + 1024);
    }

    /**
     * @return positions the session can open.
     */
    static long positionCapacity()
    {
        return Math.max(10_000, 2L * (ACCOUNTS + 1) * (INSTRUMENTS + 1));
    }

    static boolean isStateEvent(final int templateId)
    {
        return templateId == NewOrderDecoder.TEMPLATE_ID || templateId == CancelOrderDecoder.TEMPLATE_ID ||
            templateId == ReplaceOrderDecoder.TEMPLATE_ID || templateId == FillDecoder.TEMPLATE_ID ||
            templateId == MarketDataUpdateDecoder.TEMPLATE_ID;
    }
}
