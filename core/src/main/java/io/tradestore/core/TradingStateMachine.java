package io.tradestore.core;

import io.tradestore.core.sbe.CancelOrderDecoder;
import io.tradestore.core.sbe.FillDecoder;
import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.MessageHeaderDecoder;
import io.tradestore.core.sbe.NewOrderDecoder;
import io.tradestore.core.sbe.OrderStatus;
import io.tradestore.core.sbe.RejectReason;
import io.tradestore.core.sbe.ReplaceOrderDecoder;
import io.tradestore.core.sbe.Side;
import org.agrona.DirectBuffer;

/**
 * The deterministic heart of the store: applies one journaled SBE event to the orders, positions and market
 * data and returns its outcome.
 * <p>
 * It reads only the event's fields plus the sequence and timestamp stamped by the ingress: no clock, no
 * randomness, no I/O beyond the mapped stores, no hash-order iteration. Live apply and replay call exactly this
 * code. Business rejects are results ({@link RejectReason} codes), never exceptions, and a rejected event
 * changes nothing. Every check happens before the first write, so no event is ever half applied.
 * <p>
 * Rules (the full list with the order of checks is in ARCHITECTURE.md):
 * <ul>
 *   <li>Order: NEW → PARTIALLY_FILLED → FILLED, or → CANCELLED. Replace changes price and quantity of a live
 *   order; quantity may not go below filled; replacing down to exactly the filled quantity fills the order.</li>
 *   <li>Position per (account, instrument), average-cost realized PnL: a fill that reduces the position removes
 *   {@code openCost x closed / |net|} from the open cost, truncated toward zero; the remainder stays in the open
 *   cost so a round trip to flat realizes exactly. A fill through zero closes then reopens at the fill price.</li>
 *   <li>All arithmetic is exact; an event whose result would overflow an int64 is rejected with OVERFLOW.</li>
 * </ul>
 * Apply thread only: one instance, one writer.
 */
public final class TradingStateMachine
{
    /** Outcome code of an accepted event: {@link RejectReason#NONE}. */
    public static final int ACCEPTED = 0;

    private static final byte BUY = (byte)Side.BUY.value();
    private static final byte SELL = (byte)Side.SELL.value();
    private static final byte NEW = (byte)OrderStatus.NEW.value();
    private static final byte PARTIALLY_FILLED = (byte)OrderStatus.PARTIALLY_FILLED.value();
    private static final byte FILLED = (byte)OrderStatus.FILLED.value();
    private static final byte CANCELLED = (byte)OrderStatus.CANCELLED.value();

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrderDecoder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrderDecoder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceOrderDecoder = new ReplaceOrderDecoder();
    private final FillDecoder fillDecoder = new FillDecoder();
    private final MarketDataUpdateDecoder marketDataDecoder = new MarketDataUpdateDecoder();

    private final OrderRecord order = new OrderRecord();
    private final PositionRecord position = new PositionRecord();

    private final OrderStore orders;
    private final PositionStore positions;
    private final MarketDataStore marketData;

    private long lastSequence;
    private int lastTemplateId;
    private byte lastOrderStatus = -1;

    /**
     * @param orders     the order store, written only by this state machine.
     * @param positions  the position store, written only by this state machine.
     * @param marketData the market-data store, written only by this state machine.
     */
    public TradingStateMachine(final OrderStore orders, final PositionStore positions, final MarketDataStore marketData)
    {
        this.orders = orders;
        this.positions = positions;
        this.marketData = marketData;
    }

    /**
     * Apply one event.
     *
     * @param buffer      holding the SBE message (header + body).
     * @param offset      of the SBE message header.
     * @param length      of the message.
     * @param sequence    store sequence stamped by the ingress.
     * @param timestampNs ingest timestamp stamped by the ingress, ns since the epoch.
     * @return {@link #ACCEPTED} or the {@link RejectReason#value()} of the reject.
     */
    public int apply(final DirectBuffer buffer, final int offset, final int length, final long sequence, final long timestampNs)
    {
        lastSequence = sequence;
        lastOrderStatus = -1;
        final int templateId = MessageValidator.validate(buffer, offset, length);
        lastTemplateId = templateId;
        if (templateId < 0)
        {
            return RejectReason.MALFORMED_MESSAGE.value();
        }

        headerDecoder.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                newOrderDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onNewOrder(newOrderDecoder, sequence);

            case CancelOrderDecoder.TEMPLATE_ID:
                cancelOrderDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onCancel(cancelOrderDecoder, sequence);

            case ReplaceOrderDecoder.TEMPLATE_ID:
                replaceOrderDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onReplace(replaceOrderDecoder, sequence);

            case FillDecoder.TEMPLATE_ID:
                fillDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onFill(fillDecoder, sequence);

            case MarketDataUpdateDecoder.TEMPLATE_ID:
                marketDataDecoder.wrap(buffer, bodyOffset, blockLength, version);
                return onMarketData(marketDataDecoder, timestampNs);

            default:
                return RejectReason.UNSUPPORTED_MESSAGE.value();
        }
    }

    /** @return sequence of the last event applied. */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** @return template id of the last event applied, or a negative {@link MessageValidator} code. */
    public int lastTemplateId()
    {
        return lastTemplateId;
    }

    /** @return status of the order touched by the last accepted order event, or -1 when none. */
    public byte lastOrderStatus()
    {
        return lastOrderStatus;
    }

    private int onNewOrder(final NewOrderDecoder decoder, final long sequence)
    {
        final long orderId = decoder.orderId();
        final long accountId = decoder.accountId();
        final int instrumentId = decoder.instrumentId();
        final short side = decoder.sideRaw();
        final long price = decoder.price();
        final long quantity = decoder.quantity();

        if (orderId <= 0)
        {
            return RejectReason.INVALID_ID.value();
        }
        if (accountId <= 0)
        {
            return RejectReason.INVALID_ACCOUNT.value();
        }
        if (!marketData.isValidInstrument(instrumentId))
        {
            return RejectReason.UNKNOWN_INSTRUMENT.value();
        }
        if (side != BUY && side != SELL)
        {
            return RejectReason.INVALID_SIDE.value();
        }
        if (price <= 0)
        {
            return RejectReason.INVALID_PRICE.value();
        }
        if (quantity <= 0)
        {
            return RejectReason.INVALID_QUANTITY.value();
        }
        if (!Exact.fitsProduct(price, quantity))
        {
            return RejectReason.OVERFLOW.value();
        }

        final OrderRecord order = this.order;
        try
        {
            if (orders.beginUpdate(orderId, order))
            {
                return RejectReason.DUPLICATE_ORDER_ID.value();
            }
            if (orders.isFull())
            {
                return RejectReason.ORDER_STORE_FULL.value();
            }

            order.orderId = orderId;
            order.accountId = accountId;
            order.instrumentId = instrumentId;
            order.side = (byte)side;
            order.status = NEW;
            order.price = price;
            order.quantity = quantity;
            order.filledQuantity = 0;
            order.createdSequence = sequence;
            order.lastSequence = sequence;
            orders.commitUpdate(order);
            lastOrderStatus = NEW;

            return ACCEPTED;
        }
        finally
        {
            orders.endUpdate();
        }
    }

    private int onCancel(final CancelOrderDecoder decoder, final long sequence)
    {
        final OrderRecord order = this.order;
        try
        {
            final int found = beginLiveOrderUpdate(decoder.orderId(), decoder.accountId());
            if (found != ACCEPTED)
            {
                return found;
            }

            order.status = CANCELLED;
            order.lastSequence = sequence;
            orders.commitUpdate(order);
            lastOrderStatus = CANCELLED;

            return ACCEPTED;
        }
        finally
        {
            orders.endUpdate();
        }
    }

    private int onReplace(final ReplaceOrderDecoder decoder, final long sequence)
    {
        final OrderRecord order = this.order;
        try
        {
            final long price = decoder.price();
            final long quantity = decoder.quantity();
            final int found = beginLiveOrderUpdate(decoder.orderId(), decoder.accountId(), price, quantity);
            if (found != ACCEPTED)
            {
                return found;
            }
            if (!Exact.fitsProduct(price, quantity))
            {
                return RejectReason.OVERFLOW.value();
            }
            if (quantity < order.filledQuantity)
            {
                return RejectReason.QUANTITY_BELOW_FILLED.value();
            }

            order.price = price;
            order.quantity = quantity;
            if (quantity == order.filledQuantity)
            {
                order.status = FILLED;
            }
            order.lastSequence = sequence;
            orders.commitUpdate(order);
            lastOrderStatus = order.status;

            return ACCEPTED;
        }
        finally
        {
            orders.endUpdate();
        }
    }

    private int onFill(final FillDecoder decoder, final long sequence)
    {
        if (decoder.execId() <= 0)
        {
            return RejectReason.INVALID_ID.value();
        }
        final OrderRecord order = this.order;
        try
        {
            final long price = decoder.price();
            final long quantity = decoder.quantity();
            final int found = beginLiveOrderUpdate(decoder.orderId(), decoder.accountId(), price, quantity);
            if (found != ACCEPTED)
            {
                return found;
            }
            if (quantity > order.quantity - order.filledQuantity)
            {
                return RejectReason.OVERFILL.value();
            }

            return applyFill(order, price, quantity, sequence);
        }
        finally
        {
            orders.endUpdate();
        }
    }

    /**
     * Begin the update of an order that an event of {@code accountId} may act on; the caller ends it.
     *
     * @return {@link #ACCEPTED} with {@link #order} filled, or the reject: unknown, other account, not live.
     */
    private int beginLiveOrderUpdate(final long orderId, final long accountId)
    {
        final OrderRecord order = this.order;
        if (!orders.beginUpdate(orderId, order))
        {
            return RejectReason.UNKNOWN_ORDER.value();
        }
        if (order.accountId != accountId)
        {
            return RejectReason.ACCOUNT_MISMATCH.value();
        }
        if (!order.isLive())
        {
            return RejectReason.ORDER_NOT_LIVE.value();
        }
        return ACCEPTED;
    }

    /**
     * {@link #beginLiveOrderUpdate(long, long)}, then the new price and quantity must be positive.
     *
     * @return {@link #ACCEPTED} with {@link #order} filled, or the first reject in that order.
     */
    private int beginLiveOrderUpdate(final long orderId, final long accountId, final long price, final long quantity)
    {
        final int found = beginLiveOrderUpdate(orderId, accountId);
        if (found != ACCEPTED)
        {
            return found;
        }
        if (price <= 0)
        {
            return RejectReason.INVALID_PRICE.value();
        }
        if (quantity <= 0)
        {
            return RejectReason.INVALID_QUANTITY.value();
        }
        return ACCEPTED;
    }

    private int applyFill(final OrderRecord order, final long price, final long quantity, final long sequence)
    {
        final PositionRecord position = this.position;
        try
        {
            final boolean exists = positions.beginUpdate(order.accountId, order.instrumentId, position);
            if (!exists)
            {
                position.reset(order.accountId, order.instrumentId);
            }
            if (!PositionMath.applyFill(position, order.side == BUY, price, quantity))
            {
                return RejectReason.OVERFLOW.value();
            }
            if (!exists && positions.isFull())
            {
                return RejectReason.POSITION_STORE_FULL.value();
            }

            order.filledQuantity += quantity;
            order.status = order.filledQuantity == order.quantity ? FILLED : PARTIALLY_FILLED;
            order.lastSequence = sequence;
            orders.commitUpdate(order);
            positions.commitUpdate(position);
            lastOrderStatus = order.status;

            return ACCEPTED;
        }
        finally
        {
            positions.endUpdate();
        }
    }

    private int onMarketData(final MarketDataUpdateDecoder decoder, final long timestampNs)
    {
        final int instrumentId = decoder.instrumentId();
        if (!marketData.isValidInstrument(instrumentId))
        {
            return RejectReason.UNKNOWN_INSTRUMENT.value();
        }
        final long bidPrice = decoder.bidPrice();
        final long askPrice = decoder.askPrice();
        final long lastPrice = decoder.lastPrice();
        if (bidPrice < 0 || askPrice < 0 || lastPrice < 0)
        {
            return RejectReason.INVALID_PRICE.value();
        }
        final long bidQuantity = decoder.bidQuantity();
        final long askQuantity = decoder.askQuantity();
        final long lastQuantity = decoder.lastQuantity();
        if (bidQuantity < 0 || askQuantity < 0 || lastQuantity < 0)
        {
            return RejectReason.INVALID_QUANTITY.value();
        }

        marketData.update(instrumentId, bidPrice, bidQuantity, askPrice, askQuantity, lastPrice, lastQuantity, timestampNs);
        return ACCEPTED;
    }
}
