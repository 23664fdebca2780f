package io.tradestore.gateway;

import io.tradestore.core.sbe.Side;
import io.tradestore.gateway.client.GatewayClient;
import io.tradestore.journal.DurabilityMode;
import io.tradestore.pipeline.Topology;
import io.tradestore.pipeline.TradeStore;
import io.tradestore.pipeline.TradeStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store driven by the gateway agent ({@link Topology#INVOKED}): the store's egress runs inside the agent's duty
 * cycle and fills the outcome ring that the same agent drains. With the smallest outcome ring and bursts of
 * market data (each accepted update is an ack plus a fan-out record with the message), one duty cycle's outcomes
 * overflow the ring; the agent must drain it itself rather than wait for itself, and every event is still
 * acknowledged and fanned out.
 */
class InvokedStoreGatewayTest extends CountingListener
{
    private static final int ORDERS = 5_000;
    private static final int UPDATES = 20_000;
    private static final int INSTRUMENTS = 8;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    @Test
    @Timeout(120)
    void shouldAcknowledgeEverythingWhenTheOutcomeRingFillsInsideTheAgentsOwnDutyCycle(@TempDir final Path directory)
        throws IOException
    {
        final GatewayServer server = new GatewayServer(TestUsers.context().outcomeRingLength(64 * 1024));
        try (TradeStore store = TradeStore.open(new TradeStoreConfig()
            .dataDirectory(directory.toFile())
            .durability(DurabilityMode.ASYNC)
            .topology(Topology.INVOKED)
            .orderCapacity(ORDERS + 100)
            .positionCapacity(64)
            .instrumentCapacity(INSTRUMENTS)
            .snapshotEveryEvents(0)
            .conclude(), server::onOutcome))
        {
            server.start(store);
            final String host = server.localAddress().getHostString();
            final int port = server.localAddress().getPort();
            final CountingListener fanOut = new CountingListener();
            try (GatewayClient publisher = GatewayClient.connect(host, port, this);
                GatewayClient subscriber = GatewayClient.connect(host, port, fanOut))
            {
                publisher.logon("ops", TestUsers.PASSWORD.toCharArray(), TimeUnit.SECONDS.toNanos(10));
                subscriber.logon("viewer", TestUsers.PASSWORD.toCharArray(), TimeUnit.SECONDS.toNanos(10));
                subscriber.subscribe(0);
                subscriber.flush();

                final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
                int sent = 0;
                for (int i = 1; i <= ORDERS; i++)
                {
                    publisher.newOrder(i, 7, 1 + i % INSTRUMENTS, Side.BUY, 100_0000, 10);
                    sent++;
                    for (int j = 0; j < UPDATES / ORDERS; j++)
                    {
                        publisher.marketData(1 + (i + j) % INSTRUMENTS, 99_0000, 5, 101_0000, 5, 100_0000, 1);
                        sent++;
                    }
                    if (i % 400 == 0)
                    {
                        // bursts of 2,000 frames: one socket read holds more outcomes than the 64 KiB ring
                        publisher.flush();
                        awaitAcks(publisher, subscriber, sent - 2_000, deadlineNs);
                    }
                }
                awaitAcks(publisher, subscriber, sent, deadlineNs);
                while (fanOut.marketData < UPDATES && System.nanoTime() - deadlineNs < 0)
                {
                    subscriber.idleStrategy().idle(subscriber.poll());
                }
                assertEquals(sent, acked, "acks");
                assertEquals(UPDATES, fanOut.marketData, "fan-out to the subscriber");
            }
            assertEquals(0, rejected);
            assertTrue(server.counters().get(GatewayCounter.OUTCOME_RING_FULL) > 0,
                "the outcome ring filled, so the path where the agent drains it itself ran");
            assertEquals(ORDERS + UPDATES, store.completedSequence());
        }
        finally
        {
            server.close();
            assertNull(server.firstError());
        }
    }

    private void awaitAcks(
        final GatewayClient publisher, final GatewayClient subscriber, final long target, final long deadlineNs)
        throws IOException
    {
        while (acked < target)
        {
            publisher.flush();
            final int work = publisher.poll() + subscriber.poll();
            if (work == 0 && System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("acks timed out: " + acked + " of " + target);
            }
            publisher.idleStrategy().idle(work);
        }
    }
}
