package io.tradestore.gateway;

import io.tradestore.core.sbe.AckDecoder;
import io.tradestore.core.sbe.LogonResponseDecoder;
import io.tradestore.core.sbe.LogonStatus;
import io.tradestore.core.sbe.RejectReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.tradestore.gateway.GatewayServerTest.assertGatewayReject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and broken clients on loopback. Every case is bounded by short configured timeouts; the assertions are
 * about outcomes and counters, never about timing.
 */
class GatewayAbuseTest
{
    private final FakeStore store = new FakeStore();
    private GatewayServer server;

    private GatewayServer start(final GatewayContext ctx) throws IOException
    {
        server = new GatewayServer(ctx);
        store.attach(server);
        server.start(store);
        return server;
    }

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            server.close();
            assertNull(server.firstError());
        }
        store.close();
    }

    private long count(final GatewayCounter counter)
    {
        return server.counters().get(counter);
    }

    @Test
    void shouldBindLoopbackByDefault() throws IOException
    {
        assertEquals("127.0.0.1", new GatewayContext().bindAddress());
        start(TestUsers.context());
        final InetSocketAddress address = server.localAddress();
        assertTrue(address.getAddress().isLoopbackAddress(), address.toString());
    }

    @Test
    void shouldRejectAndDisconnectOrderBeforeLogonWithoutReachingTheStore() throws IOException
    {
        start(TestUsers.context());
        try (RawConnection connection = new RawConnection(server.localAddress()))
        {
            connection.send(Frames.newOrder(77, 1, 1, 1, 100, 1));
            assertGatewayReject(connection.readAck(), 77, RejectReason.NOT_LOGGED_ON);
            assertTrue(connection.awaitClosed());
        }
        assertEquals(0, store.publishedCount());
        assertEquals(1, count(GatewayCounter.DISCONNECT_NOT_LOGGED_ON));
    }

    @Test
    void shouldDisconnectConnectionThatNeverLogsOn() throws IOException
    {
        start(TestUsers.context().logonTimeoutNs(TimeUnit.MILLISECONDS.toNanos(200)));
        try (RawConnection connection = new RawConnection(server.localAddress()))
        {
            final LogonResponseDecoder response = connection.readLogonResponse();
            assertNotNull(response);
            assertEquals(LogonStatus.REJECTED, response.status());
            assertEquals("logon timeout", response.reason());
            assertTrue(connection.awaitClosed());
        }
        assertEquals(1, count(GatewayCounter.DISCONNECT_LOGON_TIMEOUT));
    }

    @Test
    void shouldDisconnectSlowDripPartialFrameBeforeLogonAtTheLogonTimeout() throws IOException
    {
        start(TestUsers.context().logonTimeoutNs(TimeUnit.MILLISECONDS.toNanos(300)));
        final byte[] logon = Frames.logon("alice", TestUsers.PASSWORD);
        try (RawConnection connection = new RawConnection(server.localAddress()))
        {
            boolean closed = false;
            for (int i = 0; i < logon.length - 1 && !closed; i++)
            {
                try
                {
                    connection.send(new byte[]{logon[i]});
                }
                catch (final IOException ex)
                {
                    closed = true;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                closed |= count(GatewayCounter.DISCONNECT_LOGON_TIMEOUT) > 0;
            }
            assertTrue(connection.awaitClosed());
        }
        assertEquals(1, count(GatewayCounter.DISCONNECT_LOGON_TIMEOUT));
        assertEquals(0, count(GatewayCounter.LOGONS_ACCEPTED));
    }

    @Test
    void shouldDisconnectLoggedOnSessionThatDripsAPartialFrameAtTheIdleTimeout() throws IOException
    {
        start(TestUsers.context().idleTimeoutNs(TimeUnit.MILLISECONDS.toNanos(300)));
        final byte[] order = Frames.newOrder(1, 1, 1, 1, 100, 1);
        try (RawConnection connection = new RawConnection(server.localAddress()))
        {
            connection.send(Frames.logon("alice", TestUsers.PASSWORD));
            assertEquals(LogonStatus.ACCEPTED, connection.readLogonResponse().status());
            for (int i = 0; i < order.length - 1 && count(GatewayCounter.DISCONNECT_IDLE_TIMEOUT) == 0; i++)
            {
                try
                {
                    connection.send(new byte[]{order[i]});
                }
                catch (final IOException ex)
                {
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            assertTrue(connection.awaitClosed());
        }
        assertEquals(1, count(GatewayCounter.DISCONNECT_IDLE_TIMEOUT));
        assertEquals(0, store.publishedCount());
    }

    @Test
    void shouldDisconnectOnOversizeLengthWithoutWaitingForTheBody() throws IOException
    {
        start(TestUsers.context());
        try (RawConnection connection = new RawConnection(server.localAddress()))
        {
            connection.send(Frames.header(Integer.MAX_VALUE, FrameDescriptor.SBE_LITTLE_ENDIAN_ENCODING));
            final LogonResponseDecoder response = connection.readLogonResponse();
            assertNotNull(response);
            assertEquals(LogonStatus.REJECTED, response.status());
            assertEquals(FrameDecoder.describe(FrameDecoder.FRAME_TOO_LONG), response.reason());
            assertTrue(connection.awaitClosed());
        }
        assertEquals(1, count(GatewayCounter.DISCONNECT_FRAME_TOO_LONG));
    }

    @Test
    void shouldRejectWrongPasswordAndUnknownUserAlike() throws IOException
    {
        start(TestUsers.context());
        for (final String user : new String[]{"alice", "mallory"})
        {
            try (RawConnection connection = new RawConnection(server.localAddress()))
            {
                connection.send(Frames.logon(user, "wrong-password"));
                final LogonResponseDecoder response = connection.readLogonResponse();
                assertEquals(LogonStatus.REJECTED, response.status());
                assertEquals("logon rejected: bad credentials", response.reason());
                assertTrue(connection.awaitClosed());
            }
        }
        assertEquals(2, count(GatewayCounter.LOGONS_REJECTED));
        assertEquals(2, count(GatewayCounter.DISCONNECT_BAD_CREDENTIALS));
        assertEquals(0, store.publishedCount());
    }

    @Test
    void shouldRefuseConnectionsBeyondTheMaximumAndKeepServingTheOthers() throws IOException
    {
        final int max = 4;
        start(TestUsers.context().maxConnections(max));
        final List<RawConnection> connections = new ArrayList<>();
        try
        {
            for (int i = 0; i < 2 * max; i++)
            {
                connections.add(new RawConnection(server.localAddress()));
            }
            int refused = 0;
            for (final RawConnection connection : connections)
            {
                connection.send(Frames.logon("alice", TestUsers.PASSWORD));
            }
            for (final RawConnection connection : connections)
            {
                final LogonResponseDecoder response = connection.readLogonResponse();
                if (null == response)
                {
                    refused++;
                }
                else
                {
                    assertEquals(LogonStatus.ACCEPTED, response.status());
                    connection.send(Frames.newOrder(3, 1, 1, 1, 100, 1));
                    assertEquals(3, connection.readAck().correlationId());
                }
            }
            assertEquals(max, refused);
            assertEquals(max, count(GatewayCounter.CONNECTIONS_REFUSED_MAX));
        }
        finally
        {
            for (final RawConnection connection : connections)
            {
                connection.close();
            }
        }
    }

    @Test
    void shouldRejectMessagesAboveTheRateLimitWithoutReachingTheStore() throws IOException
    {
        final int limit = 50;
        final int sent = 500;
        start(TestUsers.context().maxMessagesPerSecond(limit));
        try (RawConnection connection = new RawConnection(server.localAddress()))
        {
            connection.send(Frames.logon("alice", TestUsers.PASSWORD));
            assertEquals(LogonStatus.ACCEPTED, connection.readLogonResponse().status());
            final byte[][] frames = new byte[sent][];
            for (int i = 0; i < sent; i++)
            {
                frames[i] = Frames.newOrder(i + 1, i + 1, 1, 1, 100, 1);
            }
            connection.send(Frames.concat(frames));
            int limited = 0;
            int accepted = 0;
            for (int i = 0; i < sent; i++)
            {
                final AckDecoder ack = connection.readAck();
                if (ack.rejectReason() == RejectReason.RATE_LIMITED)
                {
                    assertEquals(0, ack.sequence());
                    limited++;
                }
                else
                {
                    accepted++;
                }
            }
            assertTrue(accepted >= limit && accepted < sent, "accepted " + accepted);
            assertEquals(sent, limited + accepted);
            assertEquals(accepted, store.publishedCount());
            assertEquals(limited, count(GatewayCounter.REJECT_RATE_LIMITED));
        }
    }

    @Test
    void shouldDisconnectClientThatNeverReadsWhileOthersKeepGettingAcks() throws IOException
    {
        start(TestUsers.context().outboundBufferLength(4096));
        try (RawConnection lazy = new RawConnection(server.localAddress());
            RawConnection busy = new RawConnection(server.localAddress()))
        {
            lazy.socket.setReceiveBufferSize(4096);
            lazy.send(Frames.logon("alice", TestUsers.PASSWORD));
            busy.send(Frames.logon("ops", TestUsers.PASSWORD));
            assertEquals(LogonStatus.ACCEPTED, busy.readLogonResponse().status());

            final byte[][] batch = new byte[1000][];
            long correlation = 0;
            for (int round = 0; round < 200 && count(GatewayCounter.DISCONNECT_SLOW_CONSUMER) == 0; round++)
            {
                for (int i = 0; i < batch.length; i++)
                {
                    batch[i] = Frames.newOrder(++correlation, correlation, 1, 1, 100, 1);
                }
                try
                {
                    lazy.send(Frames.concat(batch));
                }
                catch (final IOException ex)
                {
                    break;
                }
                busy.send(Frames.newOrder(round + 1, 1_000_000 + round, 5, 1, 100, 1));
                final AckDecoder ack = busy.readAck();
                assertEquals(round + 1, ack.correlationId());
                assertTrue(ack.sequence() > 0);
            }
            assertEquals(1, count(GatewayCounter.DISCONNECT_SLOW_CONSUMER));
            busy.send(Frames.newOrder(999_999, 2_000_000, 5, 1, 100, 1));
            assertEquals(999_999, busy.readAck().correlationId());
        }
    }

    @Test
    void shouldDisconnectMalformedMessageBeforeLogon() throws IOException
    {
        start(TestUsers.context());
        try (RawConnection connection = new RawConnection(server.localAddress()))
        {
            connection.send(Frames.raw(8, 2, 7001, 9, 8));
            assertTrue(connection.awaitClosed());
        }
        assertEquals(1, count(GatewayCounter.DISCONNECT_MALFORMED));
        assertFalse(count(GatewayCounter.MESSAGES_RECEIVED) > 0);
    }
}
