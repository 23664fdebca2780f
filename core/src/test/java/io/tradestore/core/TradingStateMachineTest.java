package io.tradestore.core;

import io.tradestore.core.sbe.HeartbeatEncoder;
import io.tradestore.core.sbe.LogonEncoder;
import io.tradestore.core.sbe.MessageHeaderEncoder;
import io.tradestore.core.sbe.NewOrderEncoder;
import io.tradestore.core.sbe.OrderStatus;
import io.tradestore.core.sbe.RejectReason;
import io.tradestore.core.sbe.Side;
import io.tradestore.core.test.EventEncoder;
import io.tradestore.core.test.TestStores;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tradestore.core.sbe.RejectReason.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per rule and per reject reason of {@link TradingStateMachine}; every reject also proves the state
 * digest is unchanged.
 */
class TradingStateMachineTest
{
    private static final int INSTRUMENTS = 16;
    private static final long ACCOUNT = 7;
    private static final long OTHER_ACCOUNT = 8;
    private static final int INSTRUMENT = 3;
    private static final long PRICE = 100_0000;
    private static final long BASE_TIMESTAMP_NS = 1_767_225_600_000_000_000L;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final EventEncoder encoder = new EventEncoder();
    private TestStores stores;
    private TradingStateMachine machine;
    private long sequence;
    private long execId;

    @BeforeEach
    void open()
    {
        openStores(1_000, 1_000);
    }

    @AfterEach
    void close()
    {
        stores.close();
    }

    // ---------------------------------------------------------------- NewOrder

    @Test
    void shouldAcceptNewOrderAsNew()
    {
        assertEquals(0, newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 100));
        assertEquals(OrderStatus.NEW.value(), machine.lastOrderStatus());
        assertEquals(NewOrderEncoder.TEMPLATE_ID, machine.lastTemplateId());
        assertEquals(sequence, machine.lastSequence());

        final OrderRecord order = order(1);
        assertEquals(ACCOUNT, order.accountId);
        assertEquals(INSTRUMENT, order.instrumentId);
        assertEquals(Side.BUY, order.sideEnum());
        assertEquals(OrderStatus.NEW, order.statusEnum());
        assertEquals(PRICE, order.price);
        assertEquals(100, order.quantity);
        assertEquals(0, order.filledQuantity);
        assertEquals(sequence, order.createdSequence);
        assertEquals(sequence, order.lastSequence);
        assertEquals(1, stores.orders().size());
    }

    @Test
    void shouldRejectNonPositiveOrderIdAsInvalidId()
    {
        assertRejected(INVALID_ID, encoder.newOrder(buffer, 0, 0, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 1));
        assertRejected(INVALID_ID, encoder.newOrder(buffer, 0, -5, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 1));
    }

    @Test
    void shouldRejectNonPositiveAccountAsInvalidAccount()
    {
        assertRejected(INVALID_ACCOUNT, encoder.newOrder(buffer, 0, 1, 0, INSTRUMENT, Side.BUY, PRICE, 1));
        assertRejected(INVALID_ACCOUNT, encoder.newOrder(buffer, 0, 1, -1, INSTRUMENT, Side.BUY, PRICE, 1));
    }

    @Test
    void shouldRejectInstrumentOutsideCapacityAsUnknownInstrument()
    {
        assertRejected(UNKNOWN_INSTRUMENT, encoder.newOrder(buffer, 0, 1, ACCOUNT, 0, Side.BUY, PRICE, 1));
        assertRejected(UNKNOWN_INSTRUMENT, encoder.newOrder(buffer, 0, 1, ACCOUNT, INSTRUMENTS + 1, Side.BUY, PRICE, 1));
        assertRejected(UNKNOWN_INSTRUMENT, encoder.newOrder(buffer, 0, 1, ACCOUNT, -1, Side.BUY, PRICE, 1));
        assertEquals(0, newOrder(1, ACCOUNT, INSTRUMENTS, Side.BUY, PRICE, 1), "the last slot is valid");
    }

    @Test
    void shouldRejectSideOutsideEnumAsInvalidSide()
    {
        final int length = encoder.newOrder(buffer, 0, 1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 1);
        buffer.putByte(MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.sideEncodingOffset(), (byte)2);
        assertRejected(INVALID_SIDE, length);
        buffer.putByte(MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.sideEncodingOffset(), (byte)0xFF);
        assertRejected(INVALID_SIDE, length);
    }

    @Test
    void shouldRejectNonPositivePriceOnNewOrder()
    {
        assertRejected(INVALID_PRICE, encoder.newOrder(buffer, 0, 1, ACCOUNT, INSTRUMENT, Side.BUY, 0, 1));
        assertRejected(INVALID_PRICE, encoder.newOrder(buffer, 0, 1, ACCOUNT, INSTRUMENT, Side.SELL, -PRICE, 1));
    }

    @Test
    void shouldRejectNonPositiveQuantityOnNewOrder()
    {
        assertRejected(INVALID_QUANTITY, encoder.newOrder(buffer, 0, 1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 0));
        assertRejected(INVALID_QUANTITY, encoder.newOrder(buffer, 0, 1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, -1));
    }

    @Test
    void shouldRejectNewOrderWhoseNotionalOverflows()
    {
        assertRejected(OVERFLOW, encoder.newOrder(buffer, 0, 1, ACCOUNT, INSTRUMENT, Side.BUY, Long.MAX_VALUE / 2, 3));
        assertEquals(0, newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, Long.MAX_VALUE / 2, 2), "largest that fits");
    }

    @Test
    void shouldRejectDuplicateOrderIdEvenWhenOriginalIsTerminal()
    {
        assertEquals(0, newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10));
        assertRejected(DUPLICATE_ORDER_ID, encoder.newOrder(buffer, 0, 1, OTHER_ACCOUNT, 4, Side.SELL, PRICE + 1, 5));
        assertEquals(0, cancel(1, ACCOUNT));
        assertRejected(DUPLICATE_ORDER_ID, encoder.newOrder(buffer, 0, 1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10));
    }

    @Test
    void shouldRejectNewOrderWhenOrderStoreIsFull()
    {
        stores.close();
        openStores(2, 10);
        assertEquals(0, newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10));
        assertEquals(0, newOrder(2, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10));
        assertTrue(stores.orders().isFull());
        assertRejected(ORDER_STORE_FULL, encoder.newOrder(buffer, 0, 3, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10));
        assertRejected(DUPLICATE_ORDER_ID, encoder.newOrder(buffer, 0, 2, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10));
        assertEquals(0, fill(1, ACCOUNT, PRICE, 10), "existing orders still trade when the store is full");
    }

    // ---------------------------------------------------------------- CancelOrder

    @Test
    void shouldCancelNewOrder()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        assertEquals(0, cancel(1, ACCOUNT));
        assertEquals(OrderStatus.CANCELLED.value(), machine.lastOrderStatus());
        final OrderRecord order = order(1);
        assertEquals(OrderStatus.CANCELLED, order.statusEnum());
        assertEquals(sequence, order.lastSequence);
        assertEquals(sequence - 1, order.createdSequence);
        assertEquals(0, order.leavesQuantity());
    }

    @Test
    void shouldCancelPartiallyFilledOrderAndKeepItsFills()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        fill(1, ACCOUNT, PRICE, 4);
        assertEquals(0, cancel(1, ACCOUNT));
        assertEquals(OrderStatus.CANCELLED, order(1).statusEnum());
        assertEquals(4, order(1).filledQuantity);
        assertEquals(4, position(ACCOUNT, INSTRUMENT).netQuantity);
    }

    @Test
    void shouldRejectCancelOfUnknownOrder()
    {
        assertRejected(UNKNOWN_ORDER, encoder.cancel(buffer, 0, 42, ACCOUNT));
        assertRejected(UNKNOWN_ORDER, encoder.cancel(buffer, 0, 0, ACCOUNT));
    }

    @Test
    void shouldRejectCancelFromAnotherAccount()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        assertRejected(ACCOUNT_MISMATCH, encoder.cancel(buffer, 0, 1, OTHER_ACCOUNT));
    }

    @Test
    void shouldRejectCancelOfCancelledOrFilledOrder()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        cancel(1, ACCOUNT);
        assertRejected(ORDER_NOT_LIVE, encoder.cancel(buffer, 0, 1, ACCOUNT));

        newOrder(2, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        fill(2, ACCOUNT, PRICE, 10);
        assertRejected(ORDER_NOT_LIVE, encoder.cancel(buffer, 0, 2, ACCOUNT));
    }

    // ---------------------------------------------------------------- ReplaceOrder

    @Test
    void shouldReplacePriceAndQuantityKeepingStatus()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.SELL, PRICE, 10);
        assertEquals(0, replace(1, ACCOUNT, PRICE + 100, 20));
        assertEquals(OrderStatus.NEW.value(), machine.lastOrderStatus());
        OrderRecord order = order(1);
        assertEquals(PRICE + 100, order.price);
        assertEquals(20, order.quantity);
        assertEquals(OrderStatus.NEW, order.statusEnum());
        assertEquals(sequence, order.lastSequence);

        fill(1, ACCOUNT, PRICE, 5);
        assertEquals(0, replace(1, ACCOUNT, PRICE, 6));
        order = order(1);
        assertEquals(OrderStatus.PARTIALLY_FILLED, order.statusEnum());
        assertEquals(1, order.leavesQuantity());
    }

    @Test
    void shouldFillOrderReplacedDownToItsFilledQuantity()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        fill(1, ACCOUNT, PRICE, 4);
        assertEquals(0, replace(1, ACCOUNT, PRICE, 4));
        assertEquals(OrderStatus.FILLED.value(), machine.lastOrderStatus());
        assertEquals(OrderStatus.FILLED, order(1).statusEnum());
        assertRejected(ORDER_NOT_LIVE, encoder.fill(buffer, 0, ++execId, 1, ACCOUNT, PRICE, 1));
    }

    @Test
    void shouldRejectReplaceOfUnknownOrder()
    {
        assertRejected(UNKNOWN_ORDER, encoder.replace(buffer, 0, 9, ACCOUNT, PRICE, 1));
    }

    @Test
    void shouldRejectReplaceFromAnotherAccount()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        assertRejected(ACCOUNT_MISMATCH, encoder.replace(buffer, 0, 1, OTHER_ACCOUNT, PRICE, 20));
    }

    @Test
    void shouldRejectReplaceOfTerminalOrder()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        cancel(1, ACCOUNT);
        assertRejected(ORDER_NOT_LIVE, encoder.replace(buffer, 0, 1, ACCOUNT, PRICE, 20));
    }

    @Test
    void shouldRejectReplaceWithNonPositivePrice()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        assertRejected(INVALID_PRICE, encoder.replace(buffer, 0, 1, ACCOUNT, 0, 20));
        assertRejected(INVALID_PRICE, encoder.replace(buffer, 0, 1, ACCOUNT, -1, 20));
    }

    @Test
    void shouldRejectReplaceWithNonPositiveQuantity()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        assertRejected(INVALID_QUANTITY, encoder.replace(buffer, 0, 1, ACCOUNT, PRICE, 0));
    }

    @Test
    void shouldRejectReplaceWhoseNotionalOverflows()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        assertRejected(OVERFLOW, encoder.replace(buffer, 0, 1, ACCOUNT, Long.MAX_VALUE, 2));
    }

    @Test
    void shouldRejectReplaceBelowFilledQuantity()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        fill(1, ACCOUNT, PRICE, 6);
        assertRejected(QUANTITY_BELOW_FILLED, encoder.replace(buffer, 0, 1, ACCOUNT, PRICE, 5));
    }

    // ---------------------------------------------------------------- Fill

    @Test
    void shouldPartiallyFillThenFill()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        assertEquals(0, fill(1, ACCOUNT, PRICE, 3));
        assertEquals(OrderStatus.PARTIALLY_FILLED.value(), machine.lastOrderStatus());
        assertEquals(3, order(1).filledQuantity);
        assertEquals(7, order(1).leavesQuantity());

        assertEquals(0, fill(1, ACCOUNT, PRICE - 100, 7));
        assertEquals(OrderStatus.FILLED.value(), machine.lastOrderStatus());
        final OrderRecord order = order(1);
        assertEquals(OrderStatus.FILLED, order.statusEnum());
        assertEquals(10, order.filledQuantity);
        assertEquals(sequence, order.lastSequence);

        final PositionRecord position = position(ACCOUNT, INSTRUMENT);
        assertEquals(10, position.netQuantity);
        assertEquals(10, position.buyQuantity);
        assertEquals(3 * PRICE + 7 * (PRICE - 100), position.buyNotional);
    }

    @Test
    void shouldRejectFillWithNonPositiveExecIdAsInvalidId()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        assertRejected(INVALID_ID, encoder.fill(buffer, 0, 0, 1, ACCOUNT, PRICE, 1));
        assertRejected(INVALID_ID, encoder.fill(buffer, 0, -3, 99, ACCOUNT, PRICE, 1));
    }

    @Test
    void shouldRejectFillOfUnknownOrder()
    {
        assertRejected(UNKNOWN_ORDER, encoder.fill(buffer, 0, 1, 5, ACCOUNT, PRICE, 1));
    }

    @Test
    void shouldRejectFillForAnotherAccount()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        assertRejected(ACCOUNT_MISMATCH, encoder.fill(buffer, 0, 1, 1, OTHER_ACCOUNT, PRICE, 1));
    }

    @Test
    void shouldRejectFillOfTerminalOrder()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        fill(1, ACCOUNT, PRICE, 10);
        assertRejected(ORDER_NOT_LIVE, encoder.fill(buffer, 0, 100, 1, ACCOUNT, PRICE, 1));
        newOrder(2, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        cancel(2, ACCOUNT);
        assertRejected(ORDER_NOT_LIVE, encoder.fill(buffer, 0, 101, 2, ACCOUNT, PRICE, 1));
    }

    @Test
    void shouldRejectFillWithNonPositivePrice()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        assertRejected(INVALID_PRICE, encoder.fill(buffer, 0, 1, 1, ACCOUNT, 0, 1));
    }

    @Test
    void shouldRejectFillWithNonPositiveQuantity()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        assertRejected(INVALID_QUANTITY, encoder.fill(buffer, 0, 1, 1, ACCOUNT, PRICE, 0));
        assertRejected(INVALID_QUANTITY, encoder.fill(buffer, 0, 1, 1, ACCOUNT, PRICE, -4));
    }

    @Test
    void shouldRejectOverfill()
    {
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        assertRejected(OVERFILL, encoder.fill(buffer, 0, 1, 1, ACCOUNT, PRICE, 11));
        fill(1, ACCOUNT, PRICE, 8);
        assertRejected(OVERFILL, encoder.fill(buffer, 0, 2, 1, ACCOUNT, PRICE, 3));
        assertEquals(0, fill(1, ACCOUNT, PRICE, 2));
    }

    @Test
    void shouldRejectFillWhoseNotionalOverflows()
    {
        final long quantity = 5_000_000_000_000_000_000L;
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, 1, quantity);
        assertRejected(OVERFLOW, encoder.fill(buffer, 0, 1, 1, ACCOUNT, 2, quantity));
        assertEquals(0, stores.positions().size(), "no position is created by a rejected fill");
    }

    @Test
    void shouldRejectFillWhosePositionTotalsOverflow()
    {
        final long quantity = 5_000_000_000_000_000_000L;
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, 1, quantity);
        newOrder(2, ACCOUNT, INSTRUMENT, Side.BUY, 1, quantity);
        assertEquals(0, fill(1, ACCOUNT, 1, quantity));
        assertRejected(OVERFLOW, encoder.fill(buffer, 0, 2, 2, ACCOUNT, 1, quantity));
        assertEquals(OrderStatus.NEW, order(2).statusEnum());
    }

    @Test
    void shouldRejectFillOpeningNewPositionWhenPositionStoreIsFull()
    {
        stores.close();
        openStores(10, 1);
        newOrder(1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 10);
        newOrder(2, ACCOUNT, INSTRUMENT + 1, Side.BUY, PRICE, 10);
        assertEquals(0, fill(1, ACCOUNT, PRICE, 5));
        assertTrue(stores.positions().isFull());
        assertRejected(POSITION_STORE_FULL, encoder.fill(buffer, 0, 50, 2, ACCOUNT, PRICE, 5));
        assertEquals(0, fill(1, ACCOUNT, PRICE, 5), "an existing position still updates");
    }

    // ---------------------------------------------------------------- MarketDataUpdate

    @Test
    void shouldUpdateTopOfBookCountAndTimestamp()
    {
        assertEquals(0, marketData(INSTRUMENT, PRICE - 100, 5, PRICE + 100, 6, PRICE, 7));
        assertEquals(-1, machine.lastOrderStatus());
        final MarketDataRecord md = new MarketDataRecord();
        assertTrue(stores.marketData().read(INSTRUMENT, md));
        assertEquals(PRICE - 100, md.bidPrice);
        assertEquals(5, md.bidQuantity);
        assertEquals(PRICE + 100, md.askPrice);
        assertEquals(6, md.askQuantity);
        assertEquals(PRICE, md.lastPrice);
        assertEquals(7, md.lastQuantity);
        assertEquals(1, md.updateCount);
        assertEquals(timestampOf(sequence), md.timestampNs);
        assertFalse(stores.marketData().read(INSTRUMENT + 1, md), "other instruments untouched");
    }

    @Test
    void shouldKeepLastTradeWhenUpdateHasNoTrade()
    {
        marketData(INSTRUMENT, PRICE - 100, 5, PRICE + 100, 6, PRICE, 7);
        assertEquals(0, marketData(INSTRUMENT, 0, 0, PRICE + 200, 9, 0, 0));
        final MarketDataRecord md = new MarketDataRecord();
        stores.marketData().read(INSTRUMENT, md);
        assertEquals(0, md.bidPrice);
        assertEquals(0, md.bidQuantity);
        assertEquals(PRICE + 200, md.askPrice);
        assertEquals(PRICE, md.lastPrice);
        assertEquals(7, md.lastQuantity);
        assertEquals(2, md.updateCount);
        assertEquals(timestampOf(sequence), md.timestampNs);
    }

    @Test
    void shouldRejectMarketDataForUnknownInstrument()
    {
        assertRejected(UNKNOWN_INSTRUMENT, encoder.marketData(buffer, 0, 0, PRICE, 1, PRICE, 1, 0, 0));
        assertRejected(UNKNOWN_INSTRUMENT, encoder.marketData(buffer, 0, INSTRUMENTS + 1, PRICE, 1, PRICE, 1, 0, 0));
    }

    @Test
    void shouldRejectMarketDataWithNegativePrice()
    {
        assertRejected(INVALID_PRICE, encoder.marketData(buffer, 0, INSTRUMENT, -1, 1, PRICE, 1, 0, 0));
        assertRejected(INVALID_PRICE, encoder.marketData(buffer, 0, INSTRUMENT, PRICE, 1, -1, 1, 0, 0));
        assertRejected(INVALID_PRICE, encoder.marketData(buffer, 0, INSTRUMENT, PRICE, 1, PRICE, 1, -1, 1));
    }

    @Test
    void shouldRejectMarketDataWithNegativeQuantity()
    {
        assertRejected(INVALID_QUANTITY, encoder.marketData(buffer, 0, INSTRUMENT, PRICE, -1, PRICE, 1, 0, 0));
        assertRejected(INVALID_QUANTITY, encoder.marketData(buffer, 0, INSTRUMENT, PRICE, 1, PRICE, -1, 0, 0));
        assertRejected(INVALID_QUANTITY, encoder.marketData(buffer, 0, INSTRUMENT, PRICE, 1, PRICE, 1, PRICE, -1));
    }

    // ---------------------------------------------------------------- framing

    @Test
    void shouldRejectMalformedMessage()
    {
        final int length = encoder.newOrder(buffer, 0, 1, ACCOUNT, INSTRUMENT, Side.BUY, PRICE, 1);
        assertRejected(MALFORMED_MESSAGE, length - 1);
        assertEquals(MessageValidator.BAD_LENGTH, machine.lastTemplateId());
        assertRejected(MALFORMED_MESSAGE, 4);
        buffer.putShort(4, (short)1234);
        assertRejected(MALFORMED_MESSAGE, length);
        assertEquals(MessageValidator.WRONG_SCHEMA, machine.lastTemplateId());
    }

    @Test
    void shouldRejectValidMessageThatIsNotAnEventAsUnsupported()
    {
        final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
        heartbeat.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).timestamp(1);
        assertRejected(UNSUPPORTED_MESSAGE, MessageHeaderEncoder.ENCODED_LENGTH + heartbeat.encodedLength());

        final LogonEncoder logon = new LogonEncoder();
        logon.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).username("alice").password("secret");
        assertRejected(UNSUPPORTED_MESSAGE, MessageHeaderEncoder.ENCODED_LENGTH + logon.encodedLength());
        assertEquals(LogonEncoder.TEMPLATE_ID, machine.lastTemplateId());
    }

    @Test
    void shouldApplyMessageAtNonZeroOffset()
    {
        final int offset = 37;
        final int length = encoder.newOrder(buffer, offset, 1, ACCOUNT, INSTRUMENT, Side.SELL, PRICE, 3);
        assertEquals(0, machine.apply(buffer, offset, length, ++sequence, timestampOf(sequence)));
        assertEquals(Side.SELL, order(1).sideEnum());
    }

    // ---------------------------------------------------------------- average-cost PnL

    @Test
    void shouldOpenLongPositionAtCost()
    {
        buy(100, 10_0000);
        final PositionRecord p = position(ACCOUNT, INSTRUMENT);
        assertEquals(100, p.netQuantity);
        assertEquals(100, p.buyQuantity);
        assertEquals(0, p.sellQuantity);
        assertEquals(1_000_0000, p.buyNotional);
        assertEquals(1_000_0000, p.openCost);
        assertEquals(0, p.realizedPnl);
    }

    @Test
    void shouldAddToPositionAtAverageCost()
    {
        buy(100, 10_0000);
        buy(50, 11_0000);
        final PositionRecord p = position(ACCOUNT, INSTRUMENT);
        assertEquals(150, p.netQuantity);
        assertEquals(1_550_0000, p.openCost);
        assertEquals(1_550_0000, p.buyNotional);
        assertEquals(0, p.realizedPnl);
    }

    @Test
    void shouldRealizeAverageCostOnPartialClose()
    {
        buy(100, 10_0000);
        buy(50, 11_0000);
        sell(60, 12_0000);
        final PositionRecord p = position(ACCOUNT, INSTRUMENT);
        final long removed = 1_550_0000L * 60 / 150;
        assertEquals(90, p.netQuantity);
        assertEquals(1_550_0000 - removed, p.openCost);
        assertEquals(60 * 12_0000 - removed, p.realizedPnl);
        assertEquals(60, p.sellQuantity);
        assertEquals(720_0000, p.sellNotional);
    }

    @Test
    void shouldRealizeExactlySellMinusBuyNotionalOnFullClose()
    {
        buy(100, 10_0000);
        buy(50, 11_0000);
        sell(60, 12_0000);
        sell(90, 9_5000);
        final PositionRecord p = position(ACCOUNT, INSTRUMENT);
        assertEquals(0, p.netQuantity);
        assertEquals(0, p.openCost);
        assertEquals(p.sellNotional - p.buyNotional, p.realizedPnl);
        assertEquals(0, p.unrealizedPnl(20_0000), "a flat position has no unrealized PnL");
    }

    @Test
    void shouldCloseAndReopenAtFillPriceWhenFlippingThroughZero()
    {
        buy(100, 10_0000);
        sell(150, 12_0000);
        final PositionRecord p = position(ACCOUNT, INSTRUMENT);
        assertEquals(-50, p.netQuantity);
        assertEquals(100 * 2_0000, p.realizedPnl);
        assertEquals(-50 * 12_0000, p.openCost);
        assertEquals(50 * (12_0000 - 11_0000), p.unrealizedPnl(11_0000), "short gains when the price falls");

        buy(80, 11_0000);
        final PositionRecord q = position(ACCOUNT, INSTRUMENT);
        assertEquals(30, q.netQuantity);
        assertEquals(100 * 2_0000 + 50 * 1_0000, q.realizedPnl);
        assertEquals(30 * 11_0000, q.openCost);
    }

    @Test
    void shouldRealizeShortPositionPnlWithSignedCost()
    {
        sell(100, 10_0000);
        PositionRecord p = position(ACCOUNT, INSTRUMENT);
        assertEquals(-100, p.netQuantity);
        assertEquals(-1_000_0000, p.openCost);

        buy(40, 8_0000);
        p = position(ACCOUNT, INSTRUMENT);
        assertEquals(-60, p.netQuantity);
        assertEquals(40 * 2_0000, p.realizedPnl);
        assertEquals(-600_0000, p.openCost);

        buy(60, 12_0000);
        p = position(ACCOUNT, INSTRUMENT);
        assertEquals(0, p.netQuantity);
        assertEquals(40 * 2_0000 - 60 * 2_0000, p.realizedPnl);
        assertEquals(p.sellNotional - p.buyNotional, p.realizedPnl);
    }

    @Test
    void shouldTruncateRemovedCostTowardZeroAndKeepRemainderInOpenCost()
    {
        buy(1, 1);
        buy(1, 2);
        sell(1, 2);
        PositionRecord p = position(ACCOUNT, INSTRUMENT);
        assertEquals(1, p.realizedPnl, "removed cost is 3 x 1 / 2 = 1 (truncated), realized 2 - 1");
        assertEquals(2, p.openCost, "the remainder stays in the open cost");
        sell(1, 2);
        p = position(ACCOUNT, INSTRUMENT);
        assertEquals(1, p.realizedPnl);
        assertEquals(p.sellNotional - p.buyNotional, p.realizedPnl);
    }

    @Test
    void shouldTruncateTowardZeroForShortPositions()
    {
        sell(1, 1);
        sell(1, 2);
        buy(1, 2);
        PositionRecord p = position(ACCOUNT, INSTRUMENT);
        assertEquals(-1, p.realizedPnl, "removed cost is -3 x 1 / 2 = -1 (toward zero), realized -2 + 1");
        assertEquals(-2, p.openCost);
        buy(1, 2);
        p = position(ACCOUNT, INSTRUMENT);
        assertEquals(0, p.netQuantity);
        assertEquals(-1, p.realizedPnl);
        assertEquals(p.sellNotional - p.buyNotional, p.realizedPnl);
    }

    @Test
    void shouldComputeUnrealizedPnlAtMarkAndSaturate()
    {
        buy(10, 10_0000);
        final PositionRecord p = position(ACCOUNT, INSTRUMENT);
        assertEquals(10 * 1_0000, p.unrealizedPnl(11_0000));
        assertEquals(-10 * 1_0000, p.unrealizedPnl(9_0000));
        assertEquals(0, p.unrealizedPnl(0), "no mark, no unrealized PnL");
        assertEquals(Long.MAX_VALUE, p.unrealizedPnl(Long.MAX_VALUE));
        p.netQuantity = -10;
        p.openCost = -100_0000;
        assertEquals(Long.MIN_VALUE, p.unrealizedPnl(Long.MAX_VALUE));
    }

    // ---------------------------------------------------------------- helpers

    private void openStores(final long orderCapacity, final long positionCapacity)
    {
        stores = TestStores.create(orderCapacity, positionCapacity, INSTRUMENTS);
        machine = stores.newStateMachine();
    }

    private static long timestampOf(final long sequence)
    {
        return BASE_TIMESTAMP_NS + sequence;
    }

    private int apply(final int length)
    {
        sequence++;
        return machine.apply(buffer, 0, length, sequence, timestampOf(sequence));
    }

    private void assertRejected(final RejectReason reason, final int length)
    {
        final long before = stores.digest();
        final long ordersBefore = stores.orders().size();
        final long positionsBefore = stores.positions().size();
        assertEquals(reason.value(), apply(length), "reject reason");
        assertEquals(-1, machine.lastOrderStatus(), "no order status after a reject");
        assertEquals(before, stores.digest(), "a rejected event changes nothing");
        assertEquals(ordersBefore, stores.orders().size());
        assertEquals(positionsBefore, stores.positions().size());
    }

    private int newOrder(
        final long orderId, final long account, final int instrument, final Side side, final long price, final long quantity)
    {
        return apply(encoder.newOrder(buffer, 0, orderId, account, instrument, side, price, quantity));
    }

    private int cancel(final long orderId, final long account)
    {
        return apply(encoder.cancel(buffer, 0, orderId, account));
    }

    private int replace(final long orderId, final long account, final long price, final long quantity)
    {
        return apply(encoder.replace(buffer, 0, orderId, account, price, quantity));
    }

    private int fill(final long orderId, final long account, final long price, final long quantity)
    {
        return apply(encoder.fill(buffer, 0, ++execId, orderId, account, price, quantity));
    }

    private int marketData(
        final int instrument,
        final long bid,
        final long bidQuantity,
        final long ask,
        final long askQuantity,
        final long last,
        final long lastQuantity)
    {
        return apply(encoder.marketData(buffer, 0, instrument, bid, bidQuantity, ask, askQuantity, last, lastQuantity));
    }

    private void buy(final long quantity, final long price)
    {
        trade(Side.BUY, quantity, price);
    }

    private void sell(final long quantity, final long price)
    {
        trade(Side.SELL, quantity, price);
    }

    private void trade(final Side side, final long quantity, final long price)
    {
        final long orderId = 1_000 + sequence;
        assertEquals(0, newOrder(orderId, ACCOUNT, INSTRUMENT, side, price, quantity));
        assertEquals(0, fill(orderId, ACCOUNT, price, quantity));
        assertEquals(OrderStatus.FILLED, order(orderId).statusEnum());
    }

    private OrderRecord order(final long orderId)
    {
        final OrderRecord order = new OrderRecord();
        assertTrue(stores.orders().get(orderId, order), "order " + orderId + " exists");
        return order;
    }

    private PositionRecord position(final long account, final int instrument)
    {
        final PositionRecord position = new PositionRecord();
        assertTrue(stores.positions().get(account, instrument, position), "position exists");
        return position;
    }
}
