package io.tradestore.core.test;

import io.tradestore.core.sbe.CancelOrderEncoder;
import io.tradestore.core.sbe.FillEncoder;
import io.tradestore.core.sbe.MarketDataUpdateEncoder;
import io.tradestore.core.sbe.MessageHeaderEncoder;
import io.tradestore.core.sbe.NewOrderEncoder;
import io.tradestore.core.sbe.ReplaceOrderEncoder;
import io.tradestore.core.sbe.Side;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes single hand-written events (SBE header + body) for tests; each method returns the encoded length.
 * Correlation ids are 0 unless set with {@link #correlationId(long)}. Allocation-free; one per thread.
 */
public final class EventEncoder
{
    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancel = new CancelOrderEncoder();
    private final ReplaceOrderEncoder replace = new ReplaceOrderEncoder();
    private final FillEncoder fill = new FillEncoder();
    private final MarketDataUpdateEncoder marketData = new MarketDataUpdateEncoder();
    private long correlationId;

    /**
     * @param correlationId written into the following order-flow events.
     * @return this.
     */
    public EventEncoder correlationId(final long correlationId)
    {
        this.correlationId = correlationId;
        return this;
    }

    /**
     * @param buffer       to encode into.
     * @param offset       of the SBE header.
     * @param orderId      order id.
     * @param accountId    account.
     * @param instrumentId instrument.
     * @param side         side.
     * @param price        limit price, fixed point 4 decimals.
     * @param quantity     quantity.
     * @return encoded length.
     */
    public int newOrder(
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
            .correlationId(correlationId)
            .orderId(orderId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .side(side)
            .price(price)
            .quantity(quantity);
        return HEADER_LENGTH + newOrder.encodedLength();
    }

    /**
     * @param buffer    to encode into.
     * @param offset    of the SBE header.
     * @param orderId   order to cancel.
     * @param accountId account that must own it.
     * @return encoded length.
     */
    public int cancel(final MutableDirectBuffer buffer, final int offset, final long orderId, final long accountId)
    {
        cancel.wrapAndApplyHeader(buffer, offset, header)
            .correlationId(correlationId)
            .orderId(orderId)
            .accountId(accountId);
        return HEADER_LENGTH + cancel.encodedLength();
    }

    /**
     * @param buffer    to encode into.
     * @param offset    of the SBE header.
     * @param orderId   order to replace.
     * @param accountId account that must own it.
     * @param price     new price.
     * @param quantity  new total quantity.
     * @return encoded length.
     */
    public int replace(
        final MutableDirectBuffer buffer,
        final int offset,
        final long orderId,
        final long accountId,
        final long price,
        final long quantity)
    {
        replace.wrapAndApplyHeader(buffer, offset, header)
            .correlationId(correlationId)
            .orderId(orderId)
            .accountId(accountId)
            .price(price)
            .quantity(quantity);
        return HEADER_LENGTH + replace.encodedLength();
    }

    /**
     * @param buffer    to encode into.
     * @param offset    of the SBE header.
     * @param execId    execution id.
     * @param orderId   order filled.
     * @param accountId account that must own it.
     * @param price     fill price.
     * @param quantity  fill quantity.
     * @return encoded length.
     */
    public int fill(
        final MutableDirectBuffer buffer,
        final int offset,
        final long execId,
        final long orderId,
        final long accountId,
        final long price,
        final long quantity)
    {
        fill.wrapAndApplyHeader(buffer, offset, header)
            .correlationId(correlationId)
            .execId(execId)
            .orderId(orderId)
            .accountId(accountId)
            .price(price)
            .quantity(quantity);
        return HEADER_LENGTH + fill.encodedLength();
    }

    /**
     * @param buffer       to encode into.
     * @param offset       of the SBE header.
     * @param instrumentId instrument.
     * @param bidPrice     best bid, 0 = none.
     * @param bidQuantity  best bid quantity.
     * @param askPrice     best ask, 0 = none.
     * @param askQuantity  best ask quantity.
     * @param lastPrice    last trade price, 0 = no trade.
     * @param lastQuantity last trade quantity.
     * @return encoded length.
     */
    public int marketData(
        final MutableDirectBuffer buffer,
        final int offset,
        final int instrumentId,
        final long bidPrice,
        final long bidQuantity,
        final long askPrice,
        final long askQuantity,
        final long lastPrice,
        final long lastQuantity)
    {
        marketData.wrapAndApplyHeader(buffer, offset, header)
            .correlationId(correlationId)
            .instrumentId(instrumentId)
            .bidPrice(bidPrice)
            .bidQuantity(bidQuantity)
            .askPrice(askPrice)
            .askQuantity(askQuantity)
            .lastPrice(lastPrice)
            .lastQuantity(lastQuantity)
            .sequence(0)
            .timestamp(0);
        return HEADER_LENGTH + marketData.encodedLength();
    }
}
