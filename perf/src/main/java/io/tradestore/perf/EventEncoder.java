package io.tradestore.perf;

import io.tradestore.core.sbe.FillEncoder;
import io.tradestore.core.sbe.MarketDataUpdateEncoder;
import io.tradestore.core.sbe.MessageHeaderEncoder;
import io.tradestore.core.sbe.NewOrderEncoder;
import io.tradestore.core.sbe.Side;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes the SBE events the benchmarks feed to the state machine, header included, with reused flyweights.
 * One instance per thread. Each method returns the encoded length; the encoder it used stays wrapped on the message
 * so a benchmark can rewrite a field (an id) in place between operations.
 */
final class EventEncoder
{
    final MessageHeaderEncoder header = new MessageHeaderEncoder();
    final NewOrderEncoder newOrder = new NewOrderEncoder();
    final FillEncoder fill = new FillEncoder();
    final MarketDataUpdateEncoder marketData = new MarketDataUpdateEncoder();

    int newOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity)
    {
        newOrder.wrapAndApplyHeader(buffer, offset, header)
            .correlationId(orderId)
            .orderId(orderId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .side(side)
            .price(price)
            .quantity(quantity);
        return MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength();
    }

    int fill(
        final MutableDirectBuffer buffer,
        final int offset,
        final long execId,
        final long orderId,
        final long accountId,
        final long price,
        final long quantity)
    {
        fill.wrapAndApplyHeader(buffer, offset, header)
            .correlationId(execId)
            .execId(execId)
            .orderId(orderId)
            .accountId(accountId)
            .price(price)
            .quantity(quantity);
        return MessageHeaderEncoder.ENCODED_LENGTH + fill.encodedLength();
    }

    int marketData(
        final MutableDirectBuffer buffer,
        final int offset,
        final int instrumentId,
        final long bidPrice,
        final long askPrice,
        final long lastPrice)
    {
        marketData.wrapAndApplyHeader(buffer, offset, header)
            .correlationId(0)
            .instrumentId(instrumentId)
            .bidPrice(bidPrice)
            .bidQuantity(100)
            .askPrice(askPrice)
            .askQuantity(200)
            .lastPrice(lastPrice)
            .lastQuantity(lastPrice == 0 ? 0 : 50)
            .sequence(0)
            .timestamp(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + marketData.encodedLength();
    }
}
