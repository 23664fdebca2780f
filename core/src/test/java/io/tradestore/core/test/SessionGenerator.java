package io.tradestore.core.test;

import io.tradestore.core.sbe.CancelOrderEncoder;
import io.tradestore.core.sbe.FillEncoder;
import io.tradestore.core.sbe.HeartbeatEncoder;
import io.tradestore.core.sbe.MarketDataUpdateEncoder;
import io.tradestore.core.sbe.MessageHeaderEncoder;
import io.tradestore.core.sbe.NewOrderEncoder;
import io.tradestore.core.sbe.RejectReason;
import io.tradestore.core.sbe.ReplaceOrderEncoder;
import io.tradestore.core.sbe.Side;
import io.tradestore.core.sbe.SubscribeEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * A seeded generator of realistic trading sessions, encoded as the SBE messages the store journals and applies.
 * <p>
 * It models K accounts trading M instruments: new orders priced around a per-instrument random-walk mid, replaces,
 * cancels, partial and full fills of live orders, and top-of-book market data (sometimes one-sided, sometimes
 * without a trade). A configurable fraction of events is deliberately invalid: unknown order ids, overfills, bad
 * prices and quantities, actions on terminal orders, duplicate order ids, account mismatches, replaces below the
 * filled quantity, overflowing notionals, unknown instruments, bad sides/accounts/ids, malformed headers and
 * unsupported templates. For every event it records the outcome it intends ({@link #lastExpectedOutcome()}):
 * 0 for a valid event, else the {@link RejectReason#value()} a correct state machine must return.
 * <p>
 * The same seed and configuration always produce the same byte sequence, on any JDK (the generator uses its own
 * SplitMix64, not {@code java.util.Random}). It only tracks what it generated, assuming each valid event is
 * accepted, so the stores it feeds must be sized for it: at least {@link #ordersCreated()} orders (bounded by the
 * number of events), {@code accounts x instruments} positions and {@code instruments} instrument slots.
 * Orders ids are {@code firstOrderId, firstOrderId + 1, ...}; accounts are
 * {@code firstAccountId .. firstAccountId + accounts - 1}; instruments {@code 1 .. instruments}. Give concurrent
 * generators feeding one store disjoint order-id ranges.
 * <p>
 * Zero allocation per event after construction. Not thread safe: one generator per thread.
 * <pre>{@code
 * SessionGenerator generator = new SessionGenerator(new SessionGenerator.Config().seed(42).accounts(20).instruments(50));
 * UnsafeBuffer buffer = new UnsafeBuffer(new byte[SessionGenerator.MAX_EVENT_LENGTH]);
 * int length = generator.next(buffer, 0);
 * int outcome = stateMachine.apply(buffer, 0, length, sequence, timestampNs);
 * assert outcome == generator.lastExpectedOutcome();
 * }</pre>
 */
public final class SessionGenerator
{
    /** Upper bound of the length of any event this generator encodes. */
    public static final int MAX_EVENT_LENGTH = 128;

    /** System property overriding the seed of seeded tests: {@code -Dtradestore.seed=N}. */
    public static final String SEED_PROPERTY = "tradestore.seed";

    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final long TICK = 100;
    private static final int TERMINAL_RING = 1024;
    private static final int INVALID_KINDS = 15;
    private static final long UNKNOWN_ORDER_ID_BASE = 1L << 50;

    private static final int NONE = RejectReason.NONE.value();
    private static final int UNKNOWN_ORDER = RejectReason.UNKNOWN_ORDER.value();
    private static final int OVERFILL = RejectReason.OVERFILL.value();
    private static final int INVALID_PRICE = RejectReason.INVALID_PRICE.value();
    private static final int ORDER_NOT_LIVE = RejectReason.ORDER_NOT_LIVE.value();
    private static final int DUPLICATE_ORDER_ID = RejectReason.DUPLICATE_ORDER_ID.value();
    private static final int ACCOUNT_MISMATCH = RejectReason.ACCOUNT_MISMATCH.value();
    private static final int INVALID_QUANTITY = RejectReason.INVALID_QUANTITY.value();
    private static final int UNKNOWN_INSTRUMENT = RejectReason.UNKNOWN_INSTRUMENT.value();
    private static final int INVALID_SIDE = RejectReason.INVALID_SIDE.value();
    private static final int INVALID_ACCOUNT = RejectReason.INVALID_ACCOUNT.value();
    private static final int INVALID_ID = RejectReason.INVALID_ID.value();
    private static final int OVERFLOW = RejectReason.OVERFLOW.value();
    private static final int QUANTITY_BELOW_FILLED = RejectReason.QUANTITY_BELOW_FILLED.value();
    private static final int MALFORMED_MESSAGE = RejectReason.MALFORMED_MESSAGE.value();
    private static final int UNSUPPORTED_MESSAGE = RejectReason.UNSUPPORTED_MESSAGE.value();

    /**
     * Configuration of a {@link SessionGenerator}; fluent setters, validated by the generator's constructor.
     */
    public static final class Config
    {
        private long seed = 1;
        private int accounts = 16;
        private int instruments = 32;
        private double invalidFraction = 0.02;
        private int maxLiveOrders = 4096;
        private long firstAccountId = 1;
        private long firstOrderId = 1;

        /**
         * @param seed of the random sequence.
         * @return this.
         */
        public Config seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        /**
         * @param accounts number of accounts K, at least 1.
         * @return this.
         */
        public Config accounts(final int accounts)
        {
            this.accounts = accounts;
            return this;
        }

        /**
         * @param instruments number of instruments M, ids 1..M; at most the store's instrument capacity.
         * @return this.
         */
        public Config instruments(final int instruments)
        {
            this.instruments = instruments;
            return this;
        }

        /**
         * @param invalidFraction fraction of deliberately invalid events, 0..1 (default 0.02).
         * @return this.
         */
        public Config invalidFraction(final double invalidFraction)
        {
            this.invalidFraction = invalidFraction;
            return this;
        }

        /**
         * @param maxLiveOrders most live orders at once; beyond it new orders give way to fills and cancels.
         * @return this.
         */
        public Config maxLiveOrders(final int maxLiveOrders)
        {
            this.maxLiveOrders = maxLiveOrders;
            return this;
        }

        /**
         * @param firstAccountId lowest account id, positive (default 1).
         * @return this.
         */
        public Config firstAccountId(final long firstAccountId)
        {
            this.firstAccountId = firstAccountId;
            return this;
        }

        /**
         * @param firstOrderId first order id issued, positive (default 1).
         * @return this.
         */
        public Config firstOrderId(final long firstOrderId)
        {
            this.firstOrderId = firstOrderId;
            return this;
        }
    }

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final EventEncoder encoder = new EventEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final SubscribeEncoder subscribe = new SubscribeEncoder();

    private final long seed;
    private final int accounts;
    private final int instruments;
    private final double invalidFraction;
    private final int maxLiveOrders;
    private final long firstAccountId;
    private final long firstOrderId;

    private final long[] mid;

    private final long[] liveId;
    private final long[] liveAccount;
    private final int[] liveInstrument;
    private final boolean[] liveBuy;
    private final long[] livePrice;
    private final long[] liveQuantity;
    private final long[] liveFilled;
    private int liveCount;

    private final long[] terminalId = new long[TERMINAL_RING];
    private final long[] terminalAccount = new long[TERMINAL_RING];
    private int terminalCount;
    private int terminalNext;

    private long state;
    private long nextOrderId;
    private long nextExecId = 1;
    private long eventCount;
    private long invalidCount;
    private int lastTemplateId;
    private int lastExpectedOutcome;

    /**
     * @param config the session shape; read once.
     * @throws IllegalArgumentException when a value is out of range.
     */
    public SessionGenerator(final Config config)
    {
        if (config.accounts < 1 || config.instruments < 1 || config.maxLiveOrders < 1 ||
            config.invalidFraction < 0 || config.invalidFraction > 1 ||
            config.firstAccountId < 1 || config.firstOrderId < 1)
        {
            throw new IllegalArgumentException("invalid session generator configuration");
        }
        seed = config.seed;
        accounts = config.accounts;
        instruments = config.instruments;
        invalidFraction = config.invalidFraction;
        maxLiveOrders = config.maxLiveOrders;
        firstAccountId = config.firstAccountId;
        firstOrderId = config.firstOrderId;
        nextOrderId = firstOrderId;
        state = seed;

        mid = new long[instruments + 1];
        for (int i = 1; i <= instruments; i++)
        {
            mid[i] = (500 + random(49_500)) * TICK;
        }
        liveId = new long[maxLiveOrders];
        liveAccount = new long[maxLiveOrders];
        liveInstrument = new int[maxLiveOrders];
        liveBuy = new boolean[maxLiveOrders];
        livePrice = new long[maxLiveOrders];
        liveQuantity = new long[maxLiveOrders];
        liveFilled = new long[maxLiveOrders];
    }

    /**
     * The seed for a seeded test: {@code -Dtradestore.seed} when set, else a fresh one. Print it so a failure can
     * be replayed.
     *
     * @return the seed.
     */
    public static long seedFromSystemProperty()
    {
        final String value = System.getProperty(SEED_PROPERTY);
        if (value != null && !value.isBlank())
        {
            return Long.parseLong(value.trim());
        }
        return java.util.concurrent.ThreadLocalRandom.current().nextLong();
    }

    /**
     * Encode the next event (SBE header + body) at {@code offset}.
     *
     * @param buffer to encode into; needs {@link #MAX_EVENT_LENGTH} bytes from offset.
     * @param offset where the SBE message header starts.
     * @return the encoded length, the length to pass to the state machine.
     */
    public int next(final MutableDirectBuffer buffer, final int offset)
    {
        eventCount++;
        lastExpectedOutcome = NONE;
        if (invalidFraction > 0 && nextDouble() < invalidFraction)
        {
            invalidCount++;
            return nextInvalid(buffer, offset);
        }

        final int roll = random(100);
        if (roll < 22)
        {
            return marketData(buffer, offset);
        }
        if (liveCount == 0 || (roll < 50 && liveCount < maxLiveOrders))
        {
            return newOrder(buffer, offset);
        }
        if (roll < 60)
        {
            return replace(buffer, offset);
        }
        if (roll < 70 || liveCount == maxLiveOrders && roll < 75)
        {
            return cancel(buffer, offset);
        }
        return fill(buffer, offset);
    }

    /** @return the outcome the last event must have: 0 (accepted) or a {@link RejectReason#value()}. */
    public int lastExpectedOutcome()
    {
        return lastExpectedOutcome;
    }

    /** @return the SBE template id written in the last event's header. */
    public int lastTemplateId()
    {
        return lastTemplateId;
    }

    /** @return number of events generated. */
    public long eventCount()
    {
        return eventCount;
    }

    /** @return number of deliberately invalid events generated. */
    public long invalidCount()
    {
        return invalidCount;
    }

    /** @return number of valid NewOrders generated, hence orders the store holds from this generator. */
    public long ordersCreated()
    {
        return nextOrderId - firstOrderId;
    }

    /** @return number of orders currently live in the generator's view. */
    public int liveOrders()
    {
        return liveCount;
    }

    /** @return the seed. */
    public long seed()
    {
        return seed;
    }

    /** @return number of accounts. */
    public int accounts()
    {
        return accounts;
    }

    /** @return number of instruments, ids 1..instruments. */
    public int instruments()
    {
        return instruments;
    }

    /** @return lowest account id. */
    public long firstAccountId()
    {
        return firstAccountId;
    }

    private int newOrder(final MutableDirectBuffer buffer, final int offset)
    {
        final long account = randomAccount();
        final int instrument = 1 + random(instruments);
        final boolean buy = random(2) == 0;
        final long price = Math.max(TICK, mid[instrument] + (random(41) - 20) * TICK);
        final long quantity = randomQuantity();
        final long orderId = nextOrderId++;

        final int i = liveCount++;
        liveId[i] = orderId;
        liveAccount[i] = account;
        liveInstrument[i] = instrument;
        liveBuy[i] = buy;
        livePrice[i] = price;
        liveQuantity[i] = quantity;
        liveFilled[i] = 0;

        return encodeNewOrder(buffer, offset, orderId, account, instrument, buy ? Side.BUY : Side.SELL, price, quantity);
    }

    private int replace(final MutableDirectBuffer buffer, final int offset)
    {
        final int i = random(liveCount);
        final long price = Math.max(TICK, livePrice[i] + (random(11) - 5) * TICK);
        final long filled = liveFilled[i];
        final long quantity = filled > 0 && random(8) == 0 ? filled : filled + randomQuantity();
        final int length = encodeReplace(buffer, offset, liveId[i], liveAccount[i], price, quantity);
        livePrice[i] = price;
        liveQuantity[i] = quantity;
        if (quantity == filled)
        {
            retire(i);
        }
        return length;
    }

    private int cancel(final MutableDirectBuffer buffer, final int offset)
    {
        final int i = random(liveCount);
        final int length = encodeCancel(buffer, offset, liveId[i], liveAccount[i]);
        retire(i);
        return length;
    }

    private int fill(final MutableDirectBuffer buffer, final int offset)
    {
        final int i = random(liveCount);
        final long leaves = liveQuantity[i] - liveFilled[i];
        final long quantity = random(3) == 0 ? leaves : 1 + randomBelow(leaves);
        final long improvement = random(4) == 0 ? TICK : 0;
        final long price = Math.max(TICK, liveBuy[i] ? livePrice[i] - improvement : livePrice[i] + improvement);
        final int length = encodeFill(buffer, offset, liveId[i], liveAccount[i], price, quantity);
        liveFilled[i] += quantity;
        if (liveFilled[i] == liveQuantity[i])
        {
            retire(i);
        }
        return length;
    }

    private int marketData(final MutableDirectBuffer buffer, final int offset)
    {
        final int instrument = 1 + random(instruments);
        final long m = Math.max(10 * TICK, mid[instrument] + (random(7) - 3) * TICK);
        mid[instrument] = m;
        final long halfSpread = (1 + random(3)) * TICK;
        final int shape = random(10);
        final long bid = shape == 0 ? 0 : m - halfSpread;
        final long ask = shape == 1 ? 0 : m + halfSpread;
        final boolean trade = random(2) == 0;
        return encodeMarketData(
            buffer,
            offset,
            instrument,
            bid,
            bid == 0 ? 0 : randomQuantity(),
            ask,
            ask == 0 ? 0 : randomQuantity(),
            trade ? m + (random(3) - 1) * TICK : 0,
            trade ? randomQuantity() : 0);
    }

    private int nextInvalid(final MutableDirectBuffer buffer, final int offset)
    {
        final int kind = random(INVALID_KINDS);
        final int instrument = 1 + random(instruments);
        final long price = mid[instrument];
        switch (kind)
        {
            case 0:
            {
                lastExpectedOutcome = UNKNOWN_ORDER;
                final long unknownId = UNKNOWN_ORDER_ID_BASE + random(1_000_000);
                switch (random(3))
                {
                    case 0: return encodeCancel(buffer, offset, unknownId, randomAccount());
                    case 1: return encodeReplace(buffer, offset, unknownId, randomAccount(), price, 10);
                    default: return encodeFill(buffer, offset, unknownId, randomAccount(), price, 10);
                }
            }
            case 1:
                if (liveCount > 0)
                {
                    final int i = random(liveCount);
                    lastExpectedOutcome = OVERFILL;
                    final long leaves = liveQuantity[i] - liveFilled[i];
                    return encodeFill(buffer, offset, liveId[i], liveAccount[i], livePrice[i], leaves + 1 + random(100));
                }
                return invalidNewOrderPrice(buffer, offset, instrument);
            case 2:
                if (liveCount > 0)
                {
                    final int i = random(liveCount);
                    lastExpectedOutcome = INVALID_PRICE;
                    return random(2) == 0 ?
                        encodeReplace(buffer, offset, liveId[i], liveAccount[i], -random(1000), liveQuantity[i]) :
                        encodeFill(buffer, offset, liveId[i], liveAccount[i], 0, 1);
                }
                return invalidNewOrderPrice(buffer, offset, instrument);
            case 3:
                return invalidNewOrderPrice(buffer, offset, instrument);
            case 4:
                if (terminalCount > 0)
                {
                    final int t = random(terminalCount);
                    lastExpectedOutcome = ORDER_NOT_LIVE;
                    switch (random(3))
                    {
                        case 0: return encodeCancel(buffer, offset, terminalId[t], terminalAccount[t]);
                        case 1: return encodeReplace(buffer, offset, terminalId[t], terminalAccount[t], price, 10);
                        default: return encodeFill(buffer, offset, terminalId[t], terminalAccount[t], price, 1);
                    }
                }
                return invalidNewOrderPrice(buffer, offset, instrument);
            case 5:
                if (nextOrderId > firstOrderId)
                {
                    lastExpectedOutcome = DUPLICATE_ORDER_ID;
                    final long existing = firstOrderId + randomBelow(nextOrderId - firstOrderId);
                    return encodeNewOrder(buffer, offset, existing, randomAccount(), instrument, Side.SELL, price, 5);
                }
                return invalidNewOrderPrice(buffer, offset, instrument);
            case 6:
                if (liveCount > 0)
                {
                    final int i = random(liveCount);
                    lastExpectedOutcome = ACCOUNT_MISMATCH;
                    final long otherAccount = liveAccount[i] + 1 + random(accounts);
                    return random(2) == 0 ?
                        encodeCancel(buffer, offset, liveId[i], otherAccount) :
                        encodeFill(buffer, offset, liveId[i], otherAccount, livePrice[i], 1);
                }
                return invalidNewOrderPrice(buffer, offset, instrument);
            case 7:
                lastExpectedOutcome = INVALID_QUANTITY;
                if (random(2) == 0)
                {
                    return encodeNewOrder(buffer, offset, nextOrderId, randomAccount(), instrument, Side.BUY, price, -random(3));
                }
                return encodeMarketData(buffer, offset, instrument, price, -1, price + TICK, 10, 0, 0);
            case 8:
                lastExpectedOutcome = UNKNOWN_INSTRUMENT;
                return random(2) == 0 ?
                    encodeNewOrder(buffer, offset, nextOrderId, randomAccount(), -random(3), Side.BUY, price, 10) :
                    encodeMarketData(buffer, offset, -1 - random(3), price, 1, price + TICK, 1, 0, 0);
            case 9:
            {
                lastExpectedOutcome = INVALID_SIDE;
                final int length = encodeNewOrder(buffer, offset, nextOrderId, randomAccount(), instrument, Side.BUY, price, 10);
                buffer.putByte(offset + HEADER_LENGTH + NewOrderEncoder.sideEncodingOffset(), (byte)(2 + random(250)));
                return length;
            }
            case 10:
                lastExpectedOutcome = INVALID_ACCOUNT;
                return encodeNewOrder(buffer, offset, nextOrderId, -random(3), instrument, Side.SELL, price, 10);
            case 11:
                lastExpectedOutcome = INVALID_ID;
                if (random(2) == 0)
                {
                    return encodeNewOrder(buffer, offset, -random(3), randomAccount(), instrument, Side.SELL, price, 10);
                }
                return encodeFill(buffer, offset, firstOrderId, firstAccountId, price, 1, -random(3));
            case 12:
                lastExpectedOutcome = OVERFLOW;
                return encodeNewOrder(
                    buffer, offset, nextOrderId, randomAccount(), instrument, Side.BUY, Long.MAX_VALUE / 3, 4 + random(1000));
            case 13:
                if (liveCount > 0)
                {
                    for (int attempt = 0; attempt < 8; attempt++)
                    {
                        final int i = random(liveCount);
                        if (liveFilled[i] > 1)
                        {
                            lastExpectedOutcome = QUANTITY_BELOW_FILLED;
                            return encodeReplace(buffer, offset, liveId[i], liveAccount[i], livePrice[i], liveFilled[i] - 1);
                        }
                    }
                }
                return invalidNewOrderPrice(buffer, offset, instrument);
            default:
                return random(2) == 0 ? malformed(buffer, offset, instrument, price) : unsupported(buffer, offset, instrument);
        }
    }

    private int invalidNewOrderPrice(final MutableDirectBuffer buffer, final int offset, final int instrument)
    {
        lastExpectedOutcome = INVALID_PRICE;
        return encodeNewOrder(buffer, offset, nextOrderId, randomAccount(), instrument, Side.BUY, -random(2), 10);
    }

    private int malformed(final MutableDirectBuffer buffer, final int offset, final int instrument, final long price)
    {
        lastExpectedOutcome = MALFORMED_MESSAGE;
        final int length = encodeNewOrder(buffer, offset, nextOrderId, randomAccount(), instrument, Side.BUY, price, 10);
        header.wrap(buffer, offset);
        switch (random(4))
        {
            case 0:
                header.schemaId(1 + random(7000));
                return length;
            case 1:
                header.version(2 + random(100));
                return length;
            case 2:
                header.blockLength(NewOrderEncoder.BLOCK_LENGTH - 1 - random(8));
                return length;
            default:
                return length - 1 - random(8);
        }
    }

    private int unsupported(final MutableDirectBuffer buffer, final int offset, final int instrument)
    {
        lastExpectedOutcome = UNSUPPORTED_MESSAGE;
        if (random(2) == 0)
        {
            lastTemplateId = HeartbeatEncoder.TEMPLATE_ID;
            heartbeat.wrapAndApplyHeader(buffer, offset, header).timestamp(eventCount);
            return HEADER_LENGTH + heartbeat.encodedLength();
        }
        lastTemplateId = SubscribeEncoder.TEMPLATE_ID;
        subscribe.wrapAndApplyHeader(buffer, offset, header).instrumentId(instrument);
        return HEADER_LENGTH + subscribe.encodedLength();
    }

    private void retire(final int i)
    {
        terminalId[terminalNext] = liveId[i];
        terminalAccount[terminalNext] = liveAccount[i];
        terminalNext = (terminalNext + 1) % TERMINAL_RING;
        terminalCount = Math.min(terminalCount + 1, TERMINAL_RING);

        final int last = --liveCount;
        liveId[i] = liveId[last];
        liveAccount[i] = liveAccount[last];
        liveInstrument[i] = liveInstrument[last];
        liveBuy[i] = liveBuy[last];
        livePrice[i] = livePrice[last];
        liveQuantity[i] = liveQuantity[last];
        liveFilled[i] = liveFilled[last];
    }

    private int encodeNewOrder(
        final MutableDirectBuffer buffer,
        final int offset,
        final long orderId,
        final long account,
        final int instrument,
        final Side side,
        final long price,
        final long quantity)
    {
        lastTemplateId = NewOrderEncoder.TEMPLATE_ID;
        return encoder.correlationId(eventCount).newOrder(buffer, offset, orderId, account, instrument, side, price,
            quantity);
    }

    private int encodeCancel(final MutableDirectBuffer buffer, final int offset, final long orderId, final long account)
    {
        lastTemplateId = CancelOrderEncoder.TEMPLATE_ID;
        return encoder.correlationId(eventCount).cancel(buffer, offset, orderId, account);
    }

    private int encodeReplace(
        final MutableDirectBuffer buffer,
        final int offset,
        final long orderId,
        final long account,
        final long price,
        final long quantity)
    {
        lastTemplateId = ReplaceOrderEncoder.TEMPLATE_ID;
        return encoder.correlationId(eventCount).replace(buffer, offset, orderId, account, price, quantity);
    }

    private int encodeFill(
        final MutableDirectBuffer buffer,
        final int offset,
        final long orderId,
        final long account,
        final long price,
        final long quantity)
    {
        return encodeFill(buffer, offset, orderId, account, price, quantity, nextExecId++);
    }

    private int encodeFill(
        final MutableDirectBuffer buffer,
        final int offset,
        final long orderId,
        final long account,
        final long price,
        final long quantity,
        final long execId)
    {
        lastTemplateId = FillEncoder.TEMPLATE_ID;
        return encoder.correlationId(eventCount).fill(buffer, offset, execId, orderId, account, price, quantity);
    }

    private int encodeMarketData(
        final MutableDirectBuffer buffer,
        final int offset,
        final int instrument,
        final long bid,
        final long bidQuantity,
        final long ask,
        final long askQuantity,
        final long last,
        final long lastQuantity)
    {
        lastTemplateId = MarketDataUpdateEncoder.TEMPLATE_ID;
        return encoder.correlationId(eventCount).marketData(
            buffer, offset, instrument, bid, bidQuantity, ask, askQuantity, last, lastQuantity);
    }

    private long randomAccount()
    {
        return firstAccountId + random(accounts);
    }

    private long randomQuantity()
    {
        final int shape = random(10);
        if (shape < 6)
        {
            return 1 + random(100);
        }
        if (shape < 9)
        {
            return 100 * (1 + random(10));
        }
        return 1 + random(5000);
    }

    private long nextLong()
    {
        long z = (state += 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    private double nextDouble()
    {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    private int random(final int bound)
    {
        return (int)((nextLong() >>> 33) % bound);
    }

    private long randomBelow(final long bound)
    {
        return (nextLong() >>> 1) % bound;
    }
}
