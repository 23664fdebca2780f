package io.tradestore.gateway.client;

import io.tradestore.core.sbe.AckDecoder;
import io.tradestore.core.sbe.CancelOrderEncoder;
import io.tradestore.core.sbe.FillEncoder;
import io.tradestore.core.sbe.HeartbeatEncoder;
import io.tradestore.core.sbe.LogonEncoder;
import io.tradestore.core.sbe.LogonResponseDecoder;
import io.tradestore.core.sbe.LogonStatus;
import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.MarketDataUpdateEncoder;
import io.tradestore.core.sbe.MessageHeaderDecoder;
import io.tradestore.core.sbe.MessageHeaderEncoder;
import io.tradestore.core.sbe.NewOrderEncoder;
import io.tradestore.core.sbe.ReplaceOrderEncoder;
import io.tradestore.core.sbe.Side;
import io.tradestore.core.sbe.SubscribeEncoder;
import io.tradestore.gateway.FrameDecoder;
import io.tradestore.gateway.FrameDescriptor;
import io.tradestore.gateway.FrameHandler;
import io.tradestore.gateway.GatewayContext;
import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A client of the tradestore gateway over one TCP connection.
 * <p>
 * Send methods encode straight into a preallocated send buffer and return the correlation id they assigned;
 * nothing is written to the socket until the buffer is full or {@link #flush()} is called, so a caller batches
 * by simply sending several messages before flushing. Acks and market data are delivered to the
 * {@link ClientListener} by {@link #poll()}, which the caller drives; {@code poll()} also sends a Heartbeat when
 * nothing was sent for a second. Allocation-free after logon. Not thread safe: one thread owns a client, and
 * listener callbacks must not call the send methods (they may run inside {@link #flush()}).
 */
public final class GatewayClient implements AutoCloseable
{
    /** Default send buffer in bytes. */
    public static final int DEFAULT_SEND_BUFFER_LENGTH = 64 * 1024;
    /** Default receive buffer in bytes. */
    public static final int DEFAULT_RECEIVE_BUFFER_LENGTH = 256 * 1024;

    private static final long HEARTBEAT_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int HEADER = FrameDescriptor.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH;

    private final SocketChannel channel;
    private final ClientListener listener;
    private final ByteBuffer sendByteBuffer;
    private final UnsafeBuffer sendBuffer;
    private final ByteBuffer receiveByteBuffer;
    private final UnsafeBuffer receiveBuffer;
    private final FrameDecoder frameDecoder;
    private final FrameHandler frameHandler = this::onFrame;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrderEncoder = new NewOrderEncoder();
    private final CancelOrderEncoder cancelEncoder = new CancelOrderEncoder();
    private final ReplaceOrderEncoder replaceEncoder = new ReplaceOrderEncoder();
    private final FillEncoder fillEncoder = new FillEncoder();
    private final MarketDataUpdateEncoder marketDataEncoder = new MarketDataUpdateEncoder();
    private final SubscribeEncoder subscribeEncoder = new SubscribeEncoder();
    private final HeartbeatEncoder heartbeatEncoder = new HeartbeatEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final AckDecoder ackDecoder = new AckDecoder();
    private final MarketDataUpdateDecoder marketDataDecoder = new MarketDataUpdateDecoder();
    private final LogonResponseDecoder logonResponseDecoder = new LogonResponseDecoder();

    private int sendLimit;
    private int receiveLimit;
    private int frameCount;
    private long nextCorrelationId = 1;
    private long lastSendNs = System.nanoTime();
    private IdleStrategy idleStrategy = defaultIdleStrategy();
    private boolean connected = true;
    private boolean loggedOn;
    private String serverReason;

    private GatewayClient(
        final SocketChannel channel, final ClientListener listener, final int sendBufferLength,
        final int receiveBufferLength)
    {
        this.channel = channel;
        this.listener = listener;
        this.sendByteBuffer = BufferUtil.allocateDirectAligned(sendBufferLength, 64);
        this.sendBuffer = new UnsafeBuffer(sendByteBuffer);
        this.receiveByteBuffer = BufferUtil.allocateDirectAligned(receiveBufferLength, 64);
        this.receiveBuffer = new UnsafeBuffer(receiveByteBuffer);
        this.frameDecoder = new FrameDecoder(receiveBufferLength);
    }

    /**
     * Connect with default buffer sizes.
     *
     * @param host     server host.
     * @param port     server port.
     * @param listener receives acks and market data from {@link #poll()}.
     * @return a connected client, not yet logged on.
     * @throws IOException when the connection fails.
     */
    public static GatewayClient connect(final String host, final int port, final ClientListener listener)
        throws IOException
    {
        return connect(new InetSocketAddress(host, port), listener, DEFAULT_SEND_BUFFER_LENGTH,
            DEFAULT_RECEIVE_BUFFER_LENGTH);
    }

    /**
     * Connect.
     *
     * @param address             of the server.
     * @param listener            receives acks and market data from {@link #poll()}.
     * @param sendBufferLength    bytes batched before an automatic flush (at least 4096).
     * @param receiveBufferLength bytes of the receive buffer (at least 4096).
     * @return a connected client, not yet logged on.
     * @throws IOException when the connection fails.
     */
    public static GatewayClient connect(
        final InetSocketAddress address,
        final ClientListener listener,
        final int sendBufferLength,
        final int receiveBufferLength) throws IOException
    {
        if (sendBufferLength < 4096 || receiveBufferLength < 4096)
        {
            throw new IllegalArgumentException("buffers must be at least 4096 bytes");
        }
        final SocketChannel channel = SocketChannel.open();
        try
        {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(address);
            channel.configureBlocking(false);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel);
            throw ex;
        }
        return new GatewayClient(channel, listener, sendBufferLength, receiveBufferLength);
    }

    /**
     * Send a Logon and wait for the answer.
     *
     * @param username  the user.
     * @param password  the password; not retained (the encoded copy in the send buffer is overwritten).
     * @param timeoutNs how long to wait for the LogonResponse.
     * @throws GatewayClientException with the server's reason when refused, or on timeout.
     * @throws IOException            when the connection fails.
     */
    public void logon(final String username, final char[] password, final long timeoutNs) throws IOException
    {
        final byte[] user = username.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        final byte[] pass = new byte[encoded.remaining()];
        encoded.get(pass);
        Arrays.fill(encoded.array(), (byte)0);
        final int length = HEADER + LogonEncoder.BLOCK_LENGTH + 8 + user.length + pass.length;
        final int offset = claim(length);
        FrameDescriptor.writeHeader(sendBuffer, offset, length - FrameDescriptor.HEADER_LENGTH);
        new LogonEncoder().wrapAndApplyHeader(sendBuffer, offset + FrameDescriptor.HEADER_LENGTH, headerEncoder)
            .putUsername(user, 0, user.length)
            .putPassword(pass, 0, pass.length);
        Arrays.fill(pass, (byte)0);
        flush();
        sendBuffer.setMemory(offset, length, (byte)0);

        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (!loggedOn)
        {
            if (!connected)
            {
                throw new GatewayClientException(null != serverReason ? serverReason : "disconnected during logon");
            }
            if (null != serverReason)
            {
                close();
                throw new GatewayClientException(serverReason);
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                close();
                throw new GatewayClientException("logon timed out");
            }
            if (poll() == 0)
            {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Encode a NewOrder.
     *
     * @return the correlation id of the message.
     * @throws IOException when an automatic flush fails.
     */
    public long newOrder(
        final long orderId, final long accountId, final int instrumentId, final Side side, final long price,
        final long quantity) throws IOException
    {
        final long correlationId = nextCorrelationId++;
        final int offset = claimMessage(NewOrderEncoder.BLOCK_LENGTH);
        newOrderEncoder.wrapAndApplyHeader(sendBuffer, offset, headerEncoder)
            .correlationId(correlationId).orderId(orderId).accountId(accountId).instrumentId(instrumentId)
            .side(side).price(price).quantity(quantity);
        return correlationId;
    }

    /**
     * Encode a CancelOrder.
     *
     * @return the correlation id of the message.
     * @throws IOException when an automatic flush fails.
     */
    public long cancel(final long orderId, final long accountId) throws IOException
    {
        final long correlationId = nextCorrelationId++;
        final int offset = claimMessage(CancelOrderEncoder.BLOCK_LENGTH);
        cancelEncoder.wrapAndApplyHeader(sendBuffer, offset, headerEncoder)
            .correlationId(correlationId).orderId(orderId).accountId(accountId);
        return correlationId;
    }

    /**
     * Encode a ReplaceOrder.
     *
     * @return the correlation id of the message.
     * @throws IOException when an automatic flush fails.
     */
    public long replace(final long orderId, final long accountId, final long price, final long quantity)
        throws IOException
    {
        final long correlationId = nextCorrelationId++;
        final int offset = claimMessage(ReplaceOrderEncoder.BLOCK_LENGTH);
        replaceEncoder.wrapAndApplyHeader(sendBuffer, offset, headerEncoder)
            .correlationId(correlationId).orderId(orderId).accountId(accountId).price(price).quantity(quantity);
        return correlationId;
    }

    /**
     * Encode a Fill.
     *
     * @return the correlation id of the message.
     * @throws IOException when an automatic flush fails.
     */
    public long fill(final long execId, final long orderId, final long accountId, final long price, final long quantity)
        throws IOException
    {
        final long correlationId = nextCorrelationId++;
        final int offset = claimMessage(FillEncoder.BLOCK_LENGTH);
        fillEncoder.wrapAndApplyHeader(sendBuffer, offset, headerEncoder)
            .correlationId(correlationId).execId(execId).orderId(orderId).accountId(accountId)
            .price(price).quantity(quantity);
        return correlationId;
    }

    /**
     * Encode a MarketDataUpdate (publisher role).
     *
     * @return the correlation id of the message.
     * @throws IOException when an automatic flush fails.
     */
    public long marketData(
        final int instrumentId, final long bidPrice, final long bidQuantity, final long askPrice,
        final long askQuantity, final long lastPrice, final long lastQuantity) throws IOException
    {
        final long correlationId = nextCorrelationId++;
        final int offset = claimMessage(MarketDataUpdateEncoder.BLOCK_LENGTH);
        marketDataEncoder.wrapAndApplyHeader(sendBuffer, offset, headerEncoder)
            .correlationId(correlationId).instrumentId(instrumentId)
            .bidPrice(bidPrice).bidQuantity(bidQuantity).askPrice(askPrice).askQuantity(askQuantity)
            .lastPrice(lastPrice).lastQuantity(lastQuantity).sequence(0).timestamp(0);
        return correlationId;
    }

    /**
     * Encode a Subscribe (subscriber role); acknowledged by an Ack with correlation id 0 and sequence 0.
     *
     * @param instrumentId the instrument, or 0 for all.
     * @throws IOException when an automatic flush fails.
     */
    public void subscribe(final int instrumentId) throws IOException
    {
        final int offset = claimMessage(SubscribeEncoder.BLOCK_LENGTH);
        subscribeEncoder.wrapAndApplyHeader(sendBuffer, offset, headerEncoder).instrumentId(instrumentId);
    }

    /**
     * Encode a Heartbeat.
     *
     * @throws IOException when an automatic flush fails.
     */
    public void heartbeat() throws IOException
    {
        final int offset = claimMessage(HeartbeatEncoder.BLOCK_LENGTH);
        heartbeatEncoder.wrapAndApplyHeader(sendBuffer, offset, headerEncoder).timestamp(System.nanoTime());
    }

    /**
     * The default {@link #idleStrategy(IdleStrategy)}: a few spins, then yields, then parks backing off from 1 to
     * 50 us, so a client whose socket is full (the gateway has stopped reading it because the store's ring is full)
     * does not take a core from the store and gateway threads it is waiting for.
     *
     * @return a new default idle strategy.
     */
    public static IdleStrategy defaultIdleStrategy()
    {
        return GatewayContext.defaultIdleStrategy();
    }

    /**
     * @param idleStrategy how {@link #flush()} waits while the socket takes nothing and nothing arrives (for example
     *                     {@code BusySpinIdleStrategy} on a machine with cores to spare).
     * @return this.
     */
    public GatewayClient idleStrategy(final IdleStrategy idleStrategy)
    {
        this.idleStrategy = idleStrategy;
        return this;
    }

    /**
     * @return how {@link #flush()} waits while the socket is full; also usable by a caller waiting for acks.
     */
    public IdleStrategy idleStrategy()
    {
        return idleStrategy;
    }

    /**
     * Write everything encoded so far. While the socket is full it keeps polling, so acks keep flowing and the
     * server never sees this client as a slow consumer, and idles with the {@link #idleStrategy()} when neither
     * makes progress.
     *
     * @throws IOException when the connection fails or the server ended the session.
     */
    public void flush() throws IOException
    {
        if (sendLimit == 0)
        {
            return;
        }
        sendByteBuffer.limit(sendLimit).position(0);
        idleStrategy.reset();
        while (sendByteBuffer.hasRemaining())
        {
            ensureConnected();
            if (channel.write(sendByteBuffer) == 0)
            {
                idleStrategy.idle(poll());
            }
            else
            {
                idleStrategy.reset();
            }
        }
        sendLimit = 0;
        lastSendNs = System.nanoTime();
    }

    /**
     * Read what has arrived and deliver it to the listener; sends a Heartbeat when idle for a second.
     *
     * @return the number of frames delivered.
     * @throws IOException when the connection fails.
     */
    public int poll() throws IOException
    {
        if (!connected)
        {
            return 0;
        }
        if (loggedOn && sendLimit == 0 && System.nanoTime() - lastSendNs > HEARTBEAT_INTERVAL_NS)
        {
            heartbeat();
            flush();
        }
        receiveByteBuffer.limit(receiveByteBuffer.capacity()).position(receiveLimit);
        final int read;
        try
        {
            read = channel.read(receiveByteBuffer);
        }
        catch (final IOException ex)
        {
            onDisconnected(ex.getMessage());
            return 0;
        }
        if (read < 0)
        {
            onDisconnected("connection closed by server");
            return 0;
        }
        if (read == 0 && receiveLimit == 0)
        {
            return 0;
        }
        receiveLimit += read;
        frameCount = 0;
        final int consumed = frameDecoder.decode(receiveBuffer, 0, receiveLimit, frameHandler);
        if (consumed < 0)
        {
            onDisconnected("bad frame from server: " + FrameDecoder.describe(consumed));
            return frameCount;
        }
        final int remaining = receiveLimit - consumed;
        if (remaining > 0 && consumed > 0)
        {
            receiveBuffer.putBytes(0, receiveBuffer, consumed, remaining);
        }
        receiveLimit = remaining;
        return frameCount;
    }

    /**
     * @return true until the connection ends.
     */
    public boolean isConnected()
    {
        return connected;
    }

    /**
     * @return the reason the server gave for ending the session, or null.
     */
    public String serverReason()
    {
        return serverReason;
    }

    /**
     * @return bytes encoded but not yet flushed.
     */
    public int pendingBytes()
    {
        return sendLimit;
    }

    /**
     * Close the connection without flushing.
     */
    public void close()
    {
        connected = false;
        CloseHelper.quietClose(channel);
    }

    private int onFrame(final DirectBuffer buffer, final int offset, final int length, final int templateId)
    {
        frameCount++;
        if (templateId < 0)
        {
            return FrameHandler.CONTINUE;
        }
        headerDecoder.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        switch (templateId)
        {
            case AckDecoder.TEMPLATE_ID:
                ackDecoder.wrap(buffer, bodyOffset, AckDecoder.BLOCK_LENGTH, AckDecoder.SCHEMA_VERSION);
                listener.onAck(ackDecoder.correlationId(), ackDecoder.sequence(), ackDecoder.rejectReason(),
                    ackDecoder.orderStatus());
                break;

            case MarketDataUpdateDecoder.TEMPLATE_ID:
                marketDataDecoder.wrap(
                    buffer, bodyOffset, MarketDataUpdateDecoder.BLOCK_LENGTH, MarketDataUpdateDecoder.SCHEMA_VERSION);
                listener.onMarketData(marketDataDecoder);
                break;

            case LogonResponseDecoder.TEMPLATE_ID:
                logonResponseDecoder.wrap(
                    buffer, bodyOffset, LogonResponseDecoder.BLOCK_LENGTH, LogonResponseDecoder.SCHEMA_VERSION);
                if (logonResponseDecoder.status() == LogonStatus.ACCEPTED)
                {
                    loggedOn = true;
                }
                else
                {
                    serverReason = logonResponseDecoder.reason();
                }
                break;

            default:
                break;
        }
        return FrameHandler.CONTINUE;
    }

    private void onDisconnected(final String reason)
    {
        if (connected)
        {
            connected = false;
            CloseHelper.quietClose(channel);
            listener.onDisconnect(null != serverReason ? serverReason : reason);
        }
    }

    private void ensureConnected() throws IOException
    {
        if (!connected)
        {
            throw new GatewayClientException(
                "disconnected" + (null != serverReason ? ": " + serverReason : ""));
        }
    }

    private int claimMessage(final int blockLength) throws IOException
    {
        final int frameLength = HEADER + blockLength;
        final int offset = claim(frameLength);
        FrameDescriptor.writeHeader(sendBuffer, offset, frameLength - FrameDescriptor.HEADER_LENGTH);
        return offset + FrameDescriptor.HEADER_LENGTH;
    }

    private int claim(final int frameLength) throws IOException
    {
        if (sendLimit + frameLength > sendBuffer.capacity())
        {
            flush();
        }
        final int offset = sendLimit;
        sendLimit += frameLength;
        return offset;
    }
}
