package io.tradestore.core.test;

import io.tradestore.core.MarketDataRecord;
import io.tradestore.core.MarketDataStore;
import io.tradestore.core.OrderRecord;
import io.tradestore.core.OrderStore;
import io.tradestore.core.PositionRecord;
import io.tradestore.core.PositionStore;
import io.tradestore.core.StateDigest;
import io.tradestore.core.sbe.AckDecoder;
import io.tradestore.core.sbe.CancelOrderDecoder;
import io.tradestore.core.sbe.FillDecoder;
import io.tradestore.core.sbe.HeartbeatDecoder;
import io.tradestore.core.sbe.LogonDecoder;
import io.tradestore.core.sbe.LogonResponseDecoder;
import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.MessageHeaderDecoder;
import io.tradestore.core.sbe.NewOrderDecoder;
import io.tradestore.core.sbe.OrderStatus;
import io.tradestore.core.sbe.RejectReason;
import io.tradestore.core.sbe.ReplaceOrderDecoder;
import io.tradestore.core.sbe.SubscribeDecoder;
import org.agrona.DirectBuffer;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An independent, plain on-heap model of the store, written from the rules (the javadoc of TradingStateMachine,
 * PositionMath, MarketDataStore, MarketDataRecord and the schema) and not from core's code: java.util maps,
 * {@link BigInteger} arithmetic, its own header validation. It shares with core only the generated SBE decoders,
 * the {@link RejectReason}/{@link OrderStatus} enums, the record classes used to hand results out, and the
 * {@link StateDigest} accumulator, which it feeds its own state in canonical order.
 * <p>
 * Rules it implements, checks in this order (the first failing check is the outcome; a rejected event changes
 * nothing):
 * <ul>
 *   <li>Any message: not a well-formed SBE message of schema 7001, version 1, a known template, the schema's
 *   block length and a length covering exactly the message (variable-length fields of at most 1024 bytes) →
 *   MALFORMED_MESSAGE; a well-formed message that is not NewOrder, CancelOrder, ReplaceOrder, Fill or
 *   MarketDataUpdate → UNSUPPORTED_MESSAGE.</li>
 *   <li>NewOrder: orderId &le; 0 INVALID_ID; accountId &le; 0 INVALID_ACCOUNT; instrument outside 1..capacity
 *   UNKNOWN_INSTRUMENT; side neither BUY nor SELL INVALID_SIDE; price &le; 0 INVALID_PRICE; quantity &le; 0
 *   INVALID_QUANTITY; price x quantity beyond int64 OVERFLOW; existing id DUPLICATE_ORDER_ID; order count at
 *   capacity ORDER_STORE_FULL. Accepted: status NEW, filled 0, created and last sequence = the event's.</li>
 *   <li>CancelOrder: unknown id UNKNOWN_ORDER; other account ACCOUNT_MISMATCH; FILLED or CANCELLED
 *   ORDER_NOT_LIVE. Accepted: CANCELLED, last sequence.</li>
 *   <li>ReplaceOrder: UNKNOWN_ORDER, ACCOUNT_MISMATCH, ORDER_NOT_LIVE as cancel; then INVALID_PRICE,
 *   INVALID_QUANTITY, OVERFLOW as NewOrder; quantity below filled QUANTITY_BELOW_FILLED. Accepted: new price
 *   and quantity, FILLED when quantity equals filled, else the status is kept; last sequence.</li>
 *   <li>Fill: execId &le; 0 INVALID_ID; UNKNOWN_ORDER, ACCOUNT_MISMATCH, ORDER_NOT_LIVE; price &le; 0
 *   INVALID_PRICE; quantity &le; 0 INVALID_QUANTITY; quantity above the open quantity OVERFILL; any position
 *   field beyond int64 OVERFLOW; a new position with the position count at capacity POSITION_STORE_FULL.
 *   Accepted: filled += quantity, FILLED when complete else PARTIALLY_FILLED, last sequence; the position of
 *   (order's account, order's instrument) is updated at the fill's price by the average-cost method below.</li>
 *   <li>MarketDataUpdate: instrument outside 1..capacity UNKNOWN_INSTRUMENT; any price &lt; 0 INVALID_PRICE; any
 *   quantity &lt; 0 INVALID_QUANTITY. Accepted: bid and ask replaced; last price and quantity replaced only when
 *   the last price is not 0; update count + 1; timestamp = the event's.</li>
 * </ul>
 * Average cost: buy/sell quantity and notional accumulate {@code q} and {@code p x q}. A fill on the side of the
 * position (or on a flat one) adds {@code +-q} to net and {@code +-p x q} to the open cost. A fill against it
 * closes {@code c = min(q, |net|)}: the cost removed is {@code openCost x c / |net|} truncated toward zero,
 * realized PnL grows by {@code sign(net) x p x c - removed}; what is left of the fill, if anything, opens a new
 * position at {@code p}. Core rejects with OVERFLOW on a few int64 intermediates too, which only matters for
 * net positions beyond ~3 x 10^9 units; this model sees only stored results, and generated sessions stay far from
 * either limit.
 * <p>
 * Not thread safe; allocates freely; meant for tests.
 */
public final class ReferenceModel
{
    private static final int SCHEMA_ID = 7001;
    private static final int SCHEMA_VERSION = 1;
    private static final int MAX_VAR_LENGTH = 1024;
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private static final int NONE = RejectReason.NONE.value();
    private static final byte NEW = (byte)OrderStatus.NEW.value();
    private static final byte PARTIALLY_FILLED = (byte)OrderStatus.PARTIALLY_FILLED.value();
    private static final byte FILLED = (byte)OrderStatus.FILLED.value();
    private static final byte CANCELLED = (byte)OrderStatus.CANCELLED.value();

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancel = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replace = new ReplaceOrderDecoder();
    private final FillDecoder fill = new FillDecoder();
    private final MarketDataUpdateDecoder marketData = new MarketDataUpdateDecoder();

    private final long orderCapacity;
    private final long positionCapacity;
    private final int instrumentCapacity;

    private final Map<Long, Order> orders = new HashMap<>();
    private final TreeMap<Key, Position> positions = new TreeMap<>();
    private final TreeMap<Integer, Quote> quotes = new TreeMap<>();

    /**
     * @param orderCapacity      orders the store accepts before ORDER_STORE_FULL.
     * @param positionCapacity   positions the store accepts before POSITION_STORE_FULL.
     * @param instrumentCapacity valid instrument ids are 1..instrumentCapacity.
     */
    public ReferenceModel(final long orderCapacity, final long positionCapacity, final int instrumentCapacity)
    {
        this.orderCapacity = orderCapacity;
        this.positionCapacity = positionCapacity;
        this.instrumentCapacity = instrumentCapacity;
    }

    /**
     * Apply one event, as TradingStateMachine.apply does.
     *
     * @param buffer      holding the SBE message.
     * @param offset      of the message header.
     * @param length      of the message.
     * @param sequence    store sequence of the event.
     * @param timestampNs ingest timestamp of the event.
     * @return 0 when accepted, else the {@link RejectReason#value()}.
     */
    public int apply(final DirectBuffer buffer, final int offset, final int length, final long sequence, final long timestampNs)
    {
        final int templateId = wellFormedTemplate(buffer, offset, length);
        if (templateId < 0)
        {
            return RejectReason.MALFORMED_MESSAGE.value();
        }
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (templateId == NewOrderDecoder.TEMPLATE_ID)
        {
            newOrder.wrap(buffer, body, header.blockLength(), header.version());
            return newOrder(sequence);
        }
        if (templateId == CancelOrderDecoder.TEMPLATE_ID)
        {
            cancel.wrap(buffer, body, header.blockLength(), header.version());
            return cancel(sequence);
        }
        if (templateId == ReplaceOrderDecoder.TEMPLATE_ID)
        {
            replace.wrap(buffer, body, header.blockLength(), header.version());
            return replace(sequence);
        }
        if (templateId == FillDecoder.TEMPLATE_ID)
        {
            fill.wrap(buffer, body, header.blockLength(), header.version());
            return fill(sequence);
        }
        if (templateId == MarketDataUpdateDecoder.TEMPLATE_ID)
        {
            marketData.wrap(buffer, body, header.blockLength(), header.version());
            return marketData(timestampNs);
        }
        return RejectReason.UNSUPPORTED_MESSAGE.value();
    }

    /**
     * The digest of this model's state, by {@link StateDigest} over its own records in canonical order.
     *
     * @return the digest, equal to {@code StateDigest.of(...)} over stores holding the same state.
     */
    public long digest()
    {
        final StateDigest digest = new StateDigest();
        for (final OrderRecord order : orders())
        {
            digest.order(order);
        }
        for (final PositionRecord position : positions())
        {
            digest.position(position);
        }
        for (final MarketDataRecord md : marketData())
        {
            digest.marketData(md);
        }
        return digest.value();
    }

    /**
     * @param orderId to find.
     * @return a copy of the order, or null.
     */
    public OrderRecord order(final long orderId)
    {
        final Order order = orders.get(orderId);
        return order == null ? null : order.toRecord();
    }

    /** @return copies of every order, ascending order id. */
    public List<OrderRecord> orders()
    {
        final long[] ids = new long[orders.size()];
        int i = 0;
        for (final Long id : orders.keySet())
        {
            ids[i++] = id;
        }
        Arrays.sort(ids);
        final List<OrderRecord> result = new ArrayList<>(ids.length);
        for (final long id : ids)
        {
            result.add(orders.get(id).toRecord());
        }
        return result;
    }

    /**
     * @param accountId    account.
     * @param instrumentId instrument.
     * @return a copy of the position, or null.
     */
    public PositionRecord position(final long accountId, final int instrumentId)
    {
        final Position position = positions.get(new Key(accountId, instrumentId));
        return position == null ? null : position.toRecord();
    }

    /** @return copies of every position, ascending account then instrument. */
    public List<PositionRecord> positions()
    {
        final List<PositionRecord> result = new ArrayList<>(positions.size());
        for (final Position position : positions.values())
        {
            result.add(position.toRecord());
        }
        return result;
    }

    /**
     * @param instrumentId instrument.
     * @return a copy of its market data, or null when it never had an accepted update.
     */
    public MarketDataRecord marketData(final int instrumentId)
    {
        final Quote quote = quotes.get(instrumentId);
        return quote == null ? null : quote.toRecord(instrumentId);
    }

    /** @return copies of the market data of every updated instrument, ascending instrument id. */
    public List<MarketDataRecord> marketData()
    {
        final List<MarketDataRecord> result = new ArrayList<>(quotes.size());
        quotes.forEach((id, quote) -> result.add(quote.toRecord(id)));
        return result;
    }

    /** @return number of orders. */
    public int orderCount()
    {
        return orders.size();
    }

    /** @return number of positions. */
    public int positionCount()
    {
        return positions.size();
    }

    /**
     * Mark price of an instrument: last trade price if any, else floor of the mid of a two-sided book, else 0.
     *
     * @param instrumentId instrument.
     * @return the mark or 0.
     */
    public long markPrice(final int instrumentId)
    {
        final Quote quote = quotes.get(instrumentId);
        if (quote == null)
        {
            return 0;
        }
        if (quote.lastPrice > 0)
        {
            return quote.lastPrice;
        }
        if (quote.bidPrice > 0 && quote.askPrice > 0)
        {
            return BigInteger.valueOf(quote.bidPrice).add(BigInteger.valueOf(quote.askPrice)).shiftRight(1).longValueExact();
        }
        return 0;
    }

    /**
     * Unrealized PnL of a position at the latest mark: {@code mark x net - openCost}, clamped to the int64 range;
     * 0 without a position, a mark or a net quantity.
     *
     * @param accountId    account.
     * @param instrumentId instrument.
     * @return the unrealized PnL.
     */
    public long unrealizedPnl(final long accountId, final int instrumentId)
    {
        final Position position = positions.get(new Key(accountId, instrumentId));
        return position == null ? 0 : clamp(unrealized(position));
    }

    /**
     * Unrealized PnL of an account: the exact sum of its positions' (clamped) unrealized PnL, clamped once.
     *
     * @param accountId account.
     * @return the unrealized PnL.
     */
    public long unrealizedPnl(final long accountId)
    {
        BigInteger total = BigInteger.ZERO;
        for (final Position position : positions.values())
        {
            if (position.accountId == accountId)
            {
                total = total.add(BigInteger.valueOf(clamp(unrealized(position))));
            }
        }
        return clamp(total);
    }

    /** @return realized PnL per account summed over instruments, exact, ascending account id. */
    public TreeMap<Long, BigInteger> realizedPnlByAccount()
    {
        final TreeMap<Long, BigInteger> result = new TreeMap<>();
        for (final Position position : positions.values())
        {
            result.merge(position.accountId, BigInteger.valueOf(position.realizedPnl), BigInteger::add);
        }
        return result;
    }

    /**
     * Compare this model with the stores, field by field. Call on the stores' apply thread (or with it stopped).
     *
     * @param orderStore    orders.
     * @param positionStore positions.
     * @param mdStore       market data.
     * @return a description of the first difference, or null when the states are equal.
     */
    public String firstDifference(final OrderStore orderStore, final PositionStore positionStore, final MarketDataStore mdStore)
    {
        if (orderStore.size() != orders.size())
        {
            return "order count: store " + orderStore.size() + ", model " + orders.size();
        }
        if (positionStore.size() != positions.size())
        {
            return "position count: store " + positionStore.size() + ", model " + positions.size();
        }
        final OrderRecord storeOrder = new OrderRecord();
        for (final Order order : orders.values())
        {
            final OrderRecord expected = order.toRecord();
            if (!orderStore.get(order.orderId, storeOrder) || !equal(expected, storeOrder))
            {
                return "order " + order.orderId + ": model " + expected + ", store " + storeOrder;
            }
        }
        final PositionRecord storePosition = new PositionRecord();
        for (final Position position : positions.values())
        {
            final PositionRecord expected = position.toRecord();
            if (!positionStore.get(position.accountId, position.instrumentId, storePosition) ||
                !equal(expected, storePosition))
            {
                return "position " + position.accountId + "/" + position.instrumentId + ": model " + expected +
                    ", store " + storePosition;
            }
        }
        final MarketDataRecord storeMd = new MarketDataRecord();
        for (int id = 1; id <= Math.min(instrumentCapacity, mdStore.instrumentCapacity()); id++)
        {
            final MarketDataRecord expected = marketData(id);
            final boolean present = mdStore.read(id, storeMd);
            if (expected == null ? present : !present || !equal(expected, storeMd))
            {
                return "market data " + id + ": model " + expected + ", store " + (present ? storeMd : null);
            }
        }
        return null;
    }

    /**
     * @param a order.
     * @param b order.
     * @return true when every field is equal.
     */
    public static boolean equal(final OrderRecord a, final OrderRecord b)
    {
        return a.orderId == b.orderId && a.accountId == b.accountId && a.instrumentId == b.instrumentId &&
            a.side == b.side && a.status == b.status && a.price == b.price && a.quantity == b.quantity &&
            a.filledQuantity == b.filledQuantity && a.createdSequence == b.createdSequence &&
            a.lastSequence == b.lastSequence;
    }

    /**
     * @param a position.
     * @param b position.
     * @return true when every field is equal.
     */
    public static boolean equal(final PositionRecord a, final PositionRecord b)
    {
        return a.accountId == b.accountId && a.instrumentId == b.instrumentId && a.netQuantity == b.netQuantity &&
            a.buyQuantity == b.buyQuantity && a.sellQuantity == b.sellQuantity && a.buyNotional == b.buyNotional &&
            a.sellNotional == b.sellNotional && a.openCost == b.openCost && a.realizedPnl == b.realizedPnl;
    }

    /**
     * @param a market data.
     * @param b market data.
     * @return true when every field is equal.
     */
    public static boolean equal(final MarketDataRecord a, final MarketDataRecord b)
    {
        return a.instrumentId == b.instrumentId && a.bidPrice == b.bidPrice && a.bidQuantity == b.bidQuantity &&
            a.askPrice == b.askPrice && a.askQuantity == b.askQuantity && a.lastPrice == b.lastPrice &&
            a.lastQuantity == b.lastQuantity && a.updateCount == b.updateCount && a.timestampNs == b.timestampNs;
    }

    private int newOrder(final long sequence)
    {
        final long orderId = newOrder.orderId();
        final long accountId = newOrder.accountId();
        final int instrumentId = newOrder.instrumentId();
        final short side = newOrder.sideRaw();
        final long price = newOrder.price();
        final long quantity = newOrder.quantity();
        if (orderId <= 0)
        {
            return RejectReason.INVALID_ID.value();
        }
        if (accountId <= 0)
        {
            return RejectReason.INVALID_ACCOUNT.value();
        }
        if (instrumentId < 1 || instrumentId > instrumentCapacity)
        {
            return RejectReason.UNKNOWN_INSTRUMENT.value();
        }
        if (side != 0 && side != 1)
        {
            return RejectReason.INVALID_SIDE.value();
        }
        final int priceAndQuantity = checkPriceAndQuantity(price, quantity);
        if (priceAndQuantity != NONE)
        {
            return priceAndQuantity;
        }
        if (orders.containsKey(orderId))
        {
            return RejectReason.DUPLICATE_ORDER_ID.value();
        }
        if (orders.size() >= orderCapacity)
        {
            return RejectReason.ORDER_STORE_FULL.value();
        }
        final Order order = new Order();
        order.orderId = orderId;
        order.accountId = accountId;
        order.instrumentId = instrumentId;
        order.side = (byte)side;
        order.status = NEW;
        order.price = price;
        order.quantity = quantity;
        order.createdSequence = sequence;
        order.lastSequence = sequence;
        orders.put(orderId, order);
        return NONE;
    }

    private int cancel(final long sequence)
    {
        final Order order = orders.get(cancel.orderId());
        final int check = checkLiveOrder(order, cancel.accountId());
        if (check != NONE)
        {
            return check;
        }
        order.status = CANCELLED;
        order.lastSequence = sequence;
        return NONE;
    }

    private int replace(final long sequence)
    {
        final Order order = orders.get(replace.orderId());
        final int check = checkLiveOrder(order, replace.accountId());
        if (check != NONE)
        {
            return check;
        }
        final long price = replace.price();
        final long quantity = replace.quantity();
        final int priceAndQuantity = checkPriceAndQuantity(price, quantity);
        if (priceAndQuantity != NONE)
        {
            return priceAndQuantity;
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
        return NONE;
    }

    private int fill(final long sequence)
    {
        if (fill.execId() <= 0)
        {
            return RejectReason.INVALID_ID.value();
        }
        final Order order = orders.get(fill.orderId());
        final int check = checkLiveOrder(order, fill.accountId());
        if (check != NONE)
        {
            return check;
        }
        final long price = fill.price();
        final long quantity = fill.quantity();
        if (price <= 0)
        {
            return RejectReason.INVALID_PRICE.value();
        }
        if (quantity <= 0)
        {
            return RejectReason.INVALID_QUANTITY.value();
        }
        if (quantity > order.quantity - order.filledQuantity)
        {
            return RejectReason.OVERFILL.value();
        }

        final Key key = new Key(order.accountId, order.instrumentId);
        final Position existing = positions.get(key);
        final Position before = existing != null ? existing : new Position(order.accountId, order.instrumentId);
        final Position after = averageCost(before, order.side == 0, price, quantity);
        if (after == null)
        {
            return RejectReason.OVERFLOW.value();
        }
        if (existing == null && positions.size() >= positionCapacity)
        {
            return RejectReason.POSITION_STORE_FULL.value();
        }

        positions.put(key, after);
        order.filledQuantity += quantity;
        order.status = order.filledQuantity == order.quantity ? FILLED : PARTIALLY_FILLED;
        order.lastSequence = sequence;
        return NONE;
    }

    private int marketData(final long timestampNs)
    {
        final int instrumentId = marketData.instrumentId();
        if (instrumentId < 1 || instrumentId > instrumentCapacity)
        {
            return RejectReason.UNKNOWN_INSTRUMENT.value();
        }
        if (marketData.bidPrice() < 0 || marketData.askPrice() < 0 || marketData.lastPrice() < 0)
        {
            return RejectReason.INVALID_PRICE.value();
        }
        if (marketData.bidQuantity() < 0 || marketData.askQuantity() < 0 || marketData.lastQuantity() < 0)
        {
            return RejectReason.INVALID_QUANTITY.value();
        }
        final Quote quote = quotes.computeIfAbsent(instrumentId, (ignore) -> new Quote());
        quote.bidPrice = marketData.bidPrice();
        quote.bidQuantity = marketData.bidQuantity();
        quote.askPrice = marketData.askPrice();
        quote.askQuantity = marketData.askQuantity();
        if (marketData.lastPrice() != 0)
        {
            quote.lastPrice = marketData.lastPrice();
            quote.lastQuantity = marketData.lastQuantity();
        }
        quote.updateCount++;
        quote.timestampNs = timestampNs;
        return NONE;
    }

    private static int checkLiveOrder(final Order order, final long accountId)
    {
        if (order == null)
        {
            return RejectReason.UNKNOWN_ORDER.value();
        }
        if (order.accountId != accountId)
        {
            return RejectReason.ACCOUNT_MISMATCH.value();
        }
        if (order.status == FILLED || order.status == CANCELLED)
        {
            return RejectReason.ORDER_NOT_LIVE.value();
        }
        return NONE;
    }

    private static int checkPriceAndQuantity(final long price, final long quantity)
    {
        if (price <= 0)
        {
            return RejectReason.INVALID_PRICE.value();
        }
        if (quantity <= 0)
        {
            return RejectReason.INVALID_QUANTITY.value();
        }
        if (!fits(BigInteger.valueOf(price).multiply(BigInteger.valueOf(quantity))))
        {
            return RejectReason.OVERFLOW.value();
        }
        return NONE;
    }

    /**
     * The average-cost method in exact arithmetic.
     *
     * @return the new position, or null when a stored field would not fit in an int64.
     */
    private static Position averageCost(final Position p, final boolean buy, final long price, final long quantity)
    {
        final BigInteger q = BigInteger.valueOf(quantity);
        final BigInteger notional = BigInteger.valueOf(price).multiply(q);
        final BigInteger signedQ = buy ? q : q.negate();
        final BigInteger net = BigInteger.valueOf(p.netQuantity);
        BigInteger openCost = BigInteger.valueOf(p.openCost);
        BigInteger realized = BigInteger.valueOf(p.realizedPnl);
        final BigInteger newNet = net.add(signedQ);

        if (net.signum() == 0 || net.signum() == signedQ.signum())
        {
            openCost = openCost.add(buy ? notional : notional.negate());
        }
        else
        {
            final BigInteger absNet = net.abs();
            final BigInteger closed = q.min(absNet);
            final BigInteger removed = openCost.multiply(closed).divide(absNet);
            final BigInteger closedNotional = BigInteger.valueOf(price).multiply(closed);
            realized = realized.add(net.signum() > 0 ? closedNotional : closedNotional.negate()).subtract(removed);
            if (q.compareTo(absNet) > 0)
            {
                openCost = BigInteger.valueOf(price).multiply(newNet);
            }
            else
            {
                openCost = openCost.subtract(removed);
            }
        }

        final BigInteger buyQuantity = BigInteger.valueOf(p.buyQuantity).add(buy ? q : BigInteger.ZERO);
        final BigInteger sellQuantity = BigInteger.valueOf(p.sellQuantity).add(buy ? BigInteger.ZERO : q);
        final BigInteger buyNotional = BigInteger.valueOf(p.buyNotional).add(buy ? notional : BigInteger.ZERO);
        final BigInteger sellNotional = BigInteger.valueOf(p.sellNotional).add(buy ? BigInteger.ZERO : notional);
        if (!fits(notional) || !fits(newNet) || !fits(openCost) || !fits(realized) || !fits(buyQuantity) ||
            !fits(sellQuantity) || !fits(buyNotional) || !fits(sellNotional))
        {
            return null;
        }
        final Position result = new Position(p.accountId, p.instrumentId);
        result.netQuantity = newNet.longValueExact();
        result.buyQuantity = buyQuantity.longValueExact();
        result.sellQuantity = sellQuantity.longValueExact();
        result.buyNotional = buyNotional.longValueExact();
        result.sellNotional = sellNotional.longValueExact();
        result.openCost = openCost.longValueExact();
        result.realizedPnl = realized.longValueExact();
        return result;
    }

    private BigInteger unrealized(final Position position)
    {
        final long mark = markPrice(position.instrumentId);
        if (mark <= 0 || position.netQuantity == 0)
        {
            return BigInteger.ZERO;
        }
        return BigInteger.valueOf(mark).multiply(BigInteger.valueOf(position.netQuantity))
            .subtract(BigInteger.valueOf(position.openCost));
    }

    private static boolean fits(final BigInteger value)
    {
        return value.compareTo(MIN) >= 0 && value.compareTo(MAX) <= 0;
    }

    private static long clamp(final BigInteger value)
    {
        return value.compareTo(MAX) > 0 ? Long.MAX_VALUE : value.compareTo(MIN) < 0 ? Long.MIN_VALUE : value.longValue();
    }

    /**
     * Independent header and length validation: the template id of a well-formed message, or -1.
     */
    private int wellFormedTemplate(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < MessageHeaderDecoder.ENCODED_LENGTH || (long)offset + length > buffer.capacity())
        {
            return -1;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != SCHEMA_ID || header.version() != SCHEMA_VERSION)
        {
            return -1;
        }
        final int templateId = header.templateId();
        final int blockLength;
        final int varFields;
        switch (templateId)
        {
            case LogonDecoder.TEMPLATE_ID: blockLength = LogonDecoder.BLOCK_LENGTH; varFields = 2; break;
            case NewOrderDecoder.TEMPLATE_ID: blockLength = NewOrderDecoder.BLOCK_LENGTH; varFields = 0; break;
            case CancelOrderDecoder.TEMPLATE_ID: blockLength = CancelOrderDecoder.BLOCK_LENGTH; varFields = 0; break;
            case ReplaceOrderDecoder.TEMPLATE_ID: blockLength = ReplaceOrderDecoder.BLOCK_LENGTH; varFields = 0; break;
            case FillDecoder.TEMPLATE_ID: blockLength = FillDecoder.BLOCK_LENGTH; varFields = 0; break;
            case MarketDataUpdateDecoder.TEMPLATE_ID: blockLength = MarketDataUpdateDecoder.BLOCK_LENGTH; varFields = 0; break;
            case SubscribeDecoder.TEMPLATE_ID: blockLength = SubscribeDecoder.BLOCK_LENGTH; varFields = 0; break;
            case HeartbeatDecoder.TEMPLATE_ID: blockLength = HeartbeatDecoder.BLOCK_LENGTH; varFields = 0; break;
            case LogonResponseDecoder.TEMPLATE_ID: blockLength = LogonResponseDecoder.BLOCK_LENGTH; varFields = 1; break;
            case AckDecoder.TEMPLATE_ID: blockLength = AckDecoder.BLOCK_LENGTH; varFields = 0; break;
            default: return -1;
        }
        if (header.blockLength() != blockLength)
        {
            return -1;
        }
        long end = (long)MessageHeaderDecoder.ENCODED_LENGTH + blockLength;
        for (int i = 0; i < varFields; i++)
        {
            if (end + 4 > length)
            {
                return -1;
            }
            final long varLength = buffer.getInt(offset + (int)end, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
            if (varLength > MAX_VAR_LENGTH)
            {
                return -1;
            }
            end += 4 + varLength;
        }
        return end == length ? templateId : -1;
    }

    private static final class Order
    {
        long orderId;
        long accountId;
        int instrumentId;
        byte side;
        byte status;
        long price;
        long quantity;
        long filledQuantity;
        long createdSequence;
        long lastSequence;

        OrderRecord toRecord()
        {
            final OrderRecord record = new OrderRecord();
            record.orderId = orderId;
            record.accountId = accountId;
            record.instrumentId = instrumentId;
            record.side = side;
            record.status = status;
            record.price = price;
            record.quantity = quantity;
            record.filledQuantity = filledQuantity;
            record.createdSequence = createdSequence;
            record.lastSequence = lastSequence;
            return record;
        }
    }

    private static final class Position
    {
        final long accountId;
        final int instrumentId;
        long netQuantity;
        long buyQuantity;
        long sellQuantity;
        long buyNotional;
        long sellNotional;
        long openCost;
        long realizedPnl;

        Position(final long accountId, final int instrumentId)
        {
            this.accountId = accountId;
            this.instrumentId = instrumentId;
        }

        PositionRecord toRecord()
        {
            final PositionRecord record = new PositionRecord();
            record.accountId = accountId;
            record.instrumentId = instrumentId;
            record.netQuantity = netQuantity;
            record.buyQuantity = buyQuantity;
            record.sellQuantity = sellQuantity;
            record.buyNotional = buyNotional;
            record.sellNotional = sellNotional;
            record.openCost = openCost;
            record.realizedPnl = realizedPnl;
            return record;
        }
    }

    private static final class Quote
    {
        long bidPrice;
        long bidQuantity;
        long askPrice;
        long askQuantity;
        long lastPrice;
        long lastQuantity;
        long updateCount;
        long timestampNs;

        MarketDataRecord toRecord(final int instrumentId)
        {
            final MarketDataRecord record = new MarketDataRecord();
            record.instrumentId = instrumentId;
            record.bidPrice = bidPrice;
            record.bidQuantity = bidQuantity;
            record.askPrice = askPrice;
            record.askQuantity = askQuantity;
            record.lastPrice = lastPrice;
            record.lastQuantity = lastQuantity;
            record.updateCount = updateCount;
            record.timestampNs = timestampNs;
            return record;
        }
    }

    private record Key(long accountId, int instrumentId) implements Comparable<Key>
    {
        @Override
        public int compareTo(final Key other)
        {
            final int byAccount = Long.compare(accountId, other.accountId);
            return byAccount != 0 ? byAccount : Integer.compare(instrumentId, other.instrumentId);
        }
    }
}
