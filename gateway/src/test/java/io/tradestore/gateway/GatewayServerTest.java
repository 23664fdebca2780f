package io.tradestore.gateway;

import io.tradestore.core.sbe.AckDecoder;
import io.tradestore.core.sbe.AckStatus;
import io.tradestore.core.sbe.LogonResponseDecoder;
import io.tradestore.core.sbe.LogonStatus;
import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.MessageHeaderDecoder;
import io.tradestore.core.sbe.OrderStatus;
import io.tradestore.core.sbe.RejectReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayServerTest
{
    private final FakeStore store = new FakeStore();
    private GatewayServer server;

    @BeforeEach
    void start() throws Exception
    {
        server = new GatewayServer(TestUsers.context());
        store.attach(server);
        server.start(store);
    }

    @AfterEach
    void stop()
    {
        server.close();
        store.close();
        assertNull(server.firstError());
    }

    private RawConnection logon(final String user) throws Exception
    {
        final RawConnection connection = new RawConnection(server.localAddress());
        connection.send(Frames.logon(user, TestUsers.PASSWORD));
        final LogonResponseDecoder response = connection.readLogonResponse();
        assertNotNull(response);
        assertEquals(LogonStatus.ACCEPTED, response.status());
        return connection;
    }

    @Test
    void shouldAckOrderWithStoreSequenceOnlyAfterTheStoreReportsTheOutcome() throws Exception
    {
        try (RawConnection trader = logon("alice"))
        {
            store.hold();
            trader.send(Frames.newOrder(42, 1001, 1, 3, 1_000_000, 10));
            final FakeStore.Event event = store.published.poll(10, TimeUnit.SECONDS);
            assertNotNull(event, "event reached the store");
            trader.socket.setSoTimeout(200);
            assertThrowsTimeout(trader);
            trader.socket.setSoTimeout(10_000);

            store.release(1);
            final AckDecoder ack = trader.readAck();
            assertEquals(42, ack.correlationId());
            assertEquals(event.sequence, ack.sequence());
            assertEquals(AckStatus.ACCEPTED, ack.status());
            assertEquals(RejectReason.NONE, ack.rejectReason());
            assertEquals(OrderStatus.NEW, ack.orderStatus());
        }
    }

    @Test
    void shouldRejectOrderForAccountNotPermittedWithoutReachingTheStore() throws Exception
    {
        try (RawConnection trader = logon("alice"))
        {
            trader.send(Frames.newOrder(5, 1001, 3, 3, 1_000_000, 10));
            trader.send(Frames.cancel(6, 1001, 99));
            assertGatewayReject(trader.readAck(), 5, RejectReason.NOT_AUTHORISED);
            assertGatewayReject(trader.readAck(), 6, RejectReason.NOT_AUTHORISED);
            assertEquals(0, store.publishedCount());
            assertEquals(2, server.counters().get(GatewayCounter.REJECT_NOT_AUTHORISED));
        }
    }

    @Test
    void shouldRejectMessagesOutsideTheRole() throws Exception
    {
        try (RawConnection feed = logon("feed"); RawConnection viewer = logon("viewer"))
        {
            feed.send(Frames.newOrder(1, 1, 1, 1, 100, 1));
            assertGatewayReject(feed.readAck(), 1, RejectReason.NOT_AUTHORISED);
            viewer.send(Frames.marketData(2, 1, 100));
            assertGatewayReject(viewer.readAck(), 2, RejectReason.NOT_AUTHORISED);
            feed.send(Frames.subscribe(0));
            assertGatewayReject(feed.readAck(), 0, RejectReason.NOT_AUTHORISED);
            assertEquals(0, store.publishedCount());
        }
    }

    @Test
    void shouldRejectMalformedMessageAfterLogonAndKeepTheSession() throws Exception
    {
        try (RawConnection trader = logon("alice"))
        {
            trader.send(Frames.raw(8, 99, MessageHeaderDecoder.SCHEMA_ID, 1, 8));
            assertGatewayReject(trader.readAck(), 0, RejectReason.MALFORMED_MESSAGE);
            trader.send(Frames.newOrder(9, 1, 1, 1, 100, 1));
            final AckDecoder ack = trader.readAck();
            assertEquals(9, ack.correlationId());
            assertTrue(ack.sequence() > 0);
        }
    }

    @Test
    void shouldFanOutMarketDataWithSequenceToSubscribersOfTheInstrumentOnly() throws Exception
    {
        try (RawConnection feed = logon("feed");
            RawConnection all = logon("viewer");
            RawConnection onlyTwo = logon("ops"))
        {
            all.send(Frames.subscribe(0));
            assertEquals(AckStatus.ACCEPTED, all.readAck().status());
            onlyTwo.send(Frames.subscribe(2));
            assertEquals(AckStatus.ACCEPTED, onlyTwo.readAck().status());

            feed.send(Frames.marketData(11, 1, 1_000_000));
            feed.send(Frames.marketData(12, 2, 2_000_000));
            final AckDecoder first = feed.readAck();
            assertEquals(11, first.correlationId());
            final long firstSequence = first.sequence();
            assertEquals(12, feed.readAck().correlationId());

            final MarketDataUpdateDecoder a = readMarketData(all);
            assertEquals(1, a.instrumentId());
            assertEquals(firstSequence, a.sequence());
            assertTrue(a.timestamp() > 0);
            assertEquals(2, readMarketData(all).instrumentId());

            final MarketDataUpdateDecoder b = readMarketData(onlyTwo);
            assertEquals(2, b.instrumentId());
            assertEquals(2_000_000, b.lastPrice());
        }
    }

    @Test
    void shouldProcessLogonAndOrdersSentInOneWrite() throws Exception
    {
        try (RawConnection trader = new RawConnection(server.localAddress()))
        {
            trader.send(Frames.concat(
                Frames.logon("alice", TestUsers.PASSWORD),
                Frames.newOrder(1, 1, 1, 1, 100, 1),
                Frames.newOrder(2, 2, 2, 1, 100, 1)));
            assertEquals(LogonStatus.ACCEPTED, trader.readLogonResponse().status());
            assertEquals(1, trader.readAck().correlationId());
            assertEquals(2, trader.readAck().correlationId());
        }
    }

    private static MarketDataUpdateDecoder readMarketData(final RawConnection connection) throws Exception
    {
        final UnsafeBuffer frame = connection.readUntil(MarketDataUpdateDecoder.TEMPLATE_ID);
        assertNotNull(frame);
        return new MarketDataUpdateDecoder().wrap(
            frame, MessageHeaderDecoder.ENCODED_LENGTH, MarketDataUpdateDecoder.BLOCK_LENGTH, 1);
    }

    static void assertGatewayReject(final AckDecoder ack, final long correlationId, final RejectReason reason)
    {
        assertNotNull(ack, "expected an ack");
        assertEquals(correlationId, ack.correlationId());
        assertEquals(0, ack.sequence(), "gateway rejects carry sequence 0");
        assertEquals(reason, ack.rejectReason());
    }

    private static void assertThrowsTimeout(final RawConnection connection)
    {
        try
        {
            final UnsafeBuffer frame = connection.readFrame();
            assertTrue(frame != null && RawConnection.templateId(frame) != AckDecoder.TEMPLATE_ID,
                "no ack may arrive before the store reports the outcome");
        }
        catch (final java.net.SocketTimeoutException expected)
        {
            return;
        }
        catch (final java.io.IOException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
