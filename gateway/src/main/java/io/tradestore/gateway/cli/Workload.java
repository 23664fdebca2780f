package io.tradestore.gateway.cli;

import io.tradestore.core.sbe.Side;
import io.tradestore.gateway.client.GatewayClient;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * A generated, realistic trading session: market-data updates moving each instrument's price, new orders near the
 * market, replaces, cancels and partial fills over many accounts and instruments. It tracks its own live orders so
 * nearly every event is valid for the store. Deterministic for a seed. Allocation-free; single thread.
 */
final class Workload
{
    static final int MARKET_DATA = 0;
    static final int NEW_ORDER = 1;
    static final int REPLACE = 2;
    static final int CANCEL = 3;
    static final int FILL = 4;

    private static final int MAX_LIVE = 8192;
    private static final long TICK = 100;

    private final SplittableRandom random;
    private final int accounts;
    private final int instruments;
    private final long firstAccount;
    private final long[] mid;
    private final long[] liveOrderId = new long[MAX_LIVE];
    private final long[] liveAccount = new long[MAX_LIVE];
    private final long[] livePrice = new long[MAX_LIVE];
    private final long[] liveQuantity = new long[MAX_LIVE];
    private final long[] liveFilled = new long[MAX_LIVE];
    private int liveCount;
    private long nextOrderId;
    private long nextExecId;
    private final long[] counts = new long[5];

    /**
     * @param seed         of the generator.
     * @param accounts     number of accounts, ids {@code firstAccount .. firstAccount + accounts - 1}.
     * @param firstAccount the first account id.
     * @param instruments  number of instruments, ids {@code 1..instruments}.
     * @param firstOrderId first order id to use (orders ids must be unique per store).
     */
    Workload(final long seed, final int accounts, final long firstAccount, final int instruments, final long firstOrderId)
    {
        this.random = new SplittableRandom(seed);
        this.accounts = accounts;
        this.firstAccount = firstAccount;
        this.instruments = instruments;
        this.nextOrderId = firstOrderId;
        this.nextExecId = firstOrderId;
        this.mid = new long[instruments + 1];
        for (int i = 1; i <= instruments; i++)
        {
            mid[i] = (50 + random.nextInt(950)) * 10_000L;
        }
    }

    /**
     * Encode the next event into the client.
     *
     * @return the correlation id assigned by the client.
     */
    long next(final GatewayClient client) throws IOException
    {
        final int roll = random.nextInt(100);
        if (roll < 10 || liveCount == 0 && roll < 20)
        {
            counts[MARKET_DATA]++;
            return marketData(client);
        }
        if (liveCount == 0 || (roll < 50 && liveCount < MAX_LIVE))
        {
            counts[NEW_ORDER]++;
            return newOrder(client);
        }
        final int slot = random.nextInt(liveCount);
        if (roll < 60)
        {
            counts[REPLACE]++;
            final long price = Math.max(TICK, livePrice[slot] + (random.nextInt(5) - 2) * TICK);
            final long quantity = Math.max(liveFilled[slot] + 1, liveQuantity[slot] + (random.nextInt(21) - 10));
            livePrice[slot] = price;
            liveQuantity[slot] = quantity;
            return client.replace(liveOrderId[slot], liveAccount[slot], price, quantity);
        }
        if (roll < 70)
        {
            counts[CANCEL]++;
            final long correlationId = client.cancel(liveOrderId[slot], liveAccount[slot]);
            remove(slot);
            return correlationId;
        }
        counts[FILL]++;
        final long remaining = liveQuantity[slot] - liveFilled[slot];
        final long quantity = remaining <= 2 ? remaining : 1 + random.nextLong(remaining / 2 + 1);
        final long correlationId = client.fill(
            nextExecId++, liveOrderId[slot], liveAccount[slot], livePrice[slot], quantity);
        liveFilled[slot] += quantity;
        if (liveFilled[slot] == liveQuantity[slot])
        {
            remove(slot);
        }
        return correlationId;
    }

    long count(final int kind)
    {
        return counts[kind];
    }

    private long marketData(final GatewayClient client) throws IOException
    {
        final int instrument = 1 + random.nextInt(instruments);
        final long price = Math.max(10 * TICK, mid[instrument] + (random.nextInt(11) - 5) * TICK);
        mid[instrument] = price;
        final long spread = TICK * (1 + random.nextInt(3));
        return client.marketData(instrument, price - spread, 100 + random.nextInt(900), price + spread,
            100 + random.nextInt(900), price, 1 + random.nextInt(100));
    }

    private long newOrder(final GatewayClient client) throws IOException
    {
        final long orderId = nextOrderId++;
        final long account = firstAccount + random.nextInt(accounts);
        final int instrument = 1 + random.nextInt(instruments);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final long price = Math.max(TICK, mid[instrument] + (random.nextInt(9) - 4) * TICK);
        final long quantity = 10L * (1 + random.nextInt(50));
        final int slot = liveCount++;
        liveOrderId[slot] = orderId;
        liveAccount[slot] = account;
        livePrice[slot] = price;
        liveQuantity[slot] = quantity;
        liveFilled[slot] = 0;
        return client.newOrder(orderId, account, instrument, side, price, quantity);
    }

    private void remove(final int slot)
    {
        final int last = --liveCount;
        liveOrderId[slot] = liveOrderId[last];
        liveAccount[slot] = liveAccount[last];
        livePrice[slot] = livePrice[last];
        liveQuantity[slot] = liveQuantity[last];
        liveFilled[slot] = liveFilled[last];
    }
}
