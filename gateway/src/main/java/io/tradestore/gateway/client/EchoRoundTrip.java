package io.tradestore.gateway.client;

import io.tradestore.core.sbe.OrderStatus;
import io.tradestore.core.sbe.RejectReason;
import io.tradestore.core.sbe.Side;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The client half of the raw TCP reference: a {@link GatewayClient} (same non-blocking channel, TCP_NODELAY,
 * buffers, encoder and frame decoder as every gateway client) connected to an {@code io.tradestore.gateway.EchoServer}
 * instead of a gateway. A round trip is what a gateway ping-pong client does for one order: encode a NewOrder,
 * {@code flush()}, then spin on {@code poll()} with {@link Thread#onSpinWait()} until a whole frame has come back
 * and been decoded; here the frame is the echoed order instead of its Ack. Allocation-free after
 * {@link #connect}. One thread.
 */
public final class EchoRoundTrip implements AutoCloseable
{
    /** Echoed frames are NewOrders, never Acks: the client's listener has nothing to do. */
    private static final ClientListener NO_ACKS = EchoRoundTrip::ignore;

    private final GatewayClient client;
    private long orderId;

    private EchoRoundTrip(final InetSocketAddress address) throws IOException
    {
        client = GatewayClient.connect(address, NO_ACKS, GatewayClient.DEFAULT_SEND_BUFFER_LENGTH,
            GatewayClient.DEFAULT_RECEIVE_BUFFER_LENGTH);
    }

    /**
     * @param address of the echo server.
     * @return a connected client.
     * @throws IOException when the connection fails.
     */
    public static EchoRoundTrip connect(final InetSocketAddress address) throws IOException
    {
        return new EchoRoundTrip(address);
    }

    /**
     * One round trip of a NewOrder frame ({@code 59} bytes each way with the SOFH).
     *
     * @return nanoseconds from starting to encode the order to having decoded the echoed frame.
     * @throws IOException when the connection fails or the echo closes it.
     */
    public long roundTripNs() throws IOException
    {
        final long startNs = System.nanoTime();
        client.newOrder(++orderId, 1, 1, Side.BUY, 1_000_000, 1);
        client.flush();
        while (client.poll() == 0)
        {
            if (!client.isConnected())
            {
                throw new IOException("echo server closed the connection");
            }
            Thread.onSpinWait();
        }
        return System.nanoTime() - startNs;
    }

    private static void ignore(
        final long correlationId, final long sequence, final RejectReason rejectReason, final OrderStatus orderStatus)
    {
    }

    /**
     * Close the connection.
     */
    public void close()
    {
        client.close();
    }
}
