package io.tradestore.gateway;

import org.agrona.BufferUtil;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection: its state, credential, preallocated receive and outbound buffers, rate window and
 * market-data subscription. Sessions are pooled and reused with a new id. Gateway agent thread only.
 */
final class Session
{
    static final int AWAIT_LOGON = 0;
    static final int AUTHENTICATING = 1;
    static final int ACTIVE = 2;
    static final int CLOSING = 3;
    static final int CLOSED = 4;

    final ByteBuffer receiveByteBuffer;
    final UnsafeBuffer receiveBuffer;
    final ByteBuffer sendByteBuffer;
    final UnsafeBuffer sendBuffer;
    final IntHashSet instruments = new IntHashSet();

    long sessionId;
    SocketChannel channel;
    SelectionKey key;
    int state = CLOSED;
    Credential credential;
    int receiveLimit;
    int sendPosition;
    int sendLimit;
    long acceptedNs;
    long lastReceivedNs;
    long lastSentNs;
    long rateWindowStartNs;
    int rateWindowCount;
    boolean inputPaused;
    boolean backPressured;
    boolean subscribedAll;
    GatewayCounter disconnectCounter;
    String disconnectReason;

    Session(final int receiveBufferLength, final int outboundBufferLength)
    {
        receiveByteBuffer = BufferUtil.allocateDirectAligned(receiveBufferLength, 64);
        receiveBuffer = new UnsafeBuffer(receiveByteBuffer);
        sendByteBuffer = BufferUtil.allocateDirectAligned(outboundBufferLength, 64);
        sendBuffer = new UnsafeBuffer(sendByteBuffer);
    }

    void open(final long sessionId, final SocketChannel channel, final SelectionKey key, final long nowNs)
    {
        this.sessionId = sessionId;
        this.channel = channel;
        this.key = key;
        state = AWAIT_LOGON;
        credential = null;
        receiveLimit = 0;
        sendPosition = 0;
        sendLimit = 0;
        acceptedNs = nowNs;
        lastReceivedNs = nowNs;
        lastSentNs = nowNs;
        rateWindowStartNs = nowNs;
        rateWindowCount = 0;
        inputPaused = false;
        backPressured = false;
        subscribedAll = false;
        instruments.clear();
        disconnectCounter = null;
        disconnectReason = null;
    }

    boolean isOpen()
    {
        return state < CLOSING;
    }

    /**
     * Count one inbound message against the one-second rate window.
     *
     * @return true when within the limit.
     */
    boolean tryAcquireRate(final long nowNs, final int maxPerSecond)
    {
        if (nowNs - rateWindowStartNs >= 1_000_000_000L)
        {
            rateWindowStartNs = nowNs;
            rateWindowCount = 0;
        }
        return ++rateWindowCount <= maxPerSecond;
    }

    void releaseRate()
    {
        rateWindowCount--;
    }

    boolean isSubscribed(final int instrumentId)
    {
        return subscribedAll || (!instruments.isEmpty() && instruments.contains(instrumentId));
    }

    /**
     * Reserve room for a frame in the outbound buffer, compacting already-sent bytes away when needed.
     *
     * @param frameLength bytes needed.
     * @return offset to write the frame at, or -1 when the buffer is full (a slow consumer).
     */
    int claim(final int frameLength)
    {
        final int capacity = sendBuffer.capacity();
        if (sendLimit + frameLength > capacity)
        {
            if (sendPosition > 0)
            {
                final int pending = sendLimit - sendPosition;
                sendBuffer.putBytes(0, sendBuffer, sendPosition, pending);
                sendPosition = 0;
                sendLimit = pending;
            }
            if (sendLimit + frameLength > capacity)
            {
                return -1;
            }
        }
        final int offset = sendLimit;
        sendLimit += frameLength;
        return offset;
    }

    boolean hasPendingOutput()
    {
        return sendLimit > sendPosition;
    }

    /**
     * Write as much pending output as the socket takes without blocking.
     *
     * @return bytes written.
     * @throws IOException when the socket fails.
     */
    int flush() throws IOException
    {
        sendByteBuffer.limit(sendLimit).position(sendPosition);
        final int written = channel.write(sendByteBuffer);
        sendPosition += written;
        if (sendPosition == sendLimit)
        {
            sendPosition = 0;
            sendLimit = 0;
        }
        return written;
    }

    /**
     * Read what the socket has into the free tail of the receive buffer.
     *
     * @return bytes read, or -1 at end of stream.
     * @throws IOException when the socket fails.
     */
    int read() throws IOException
    {
        receiveByteBuffer.limit(receiveByteBuffer.capacity()).position(receiveLimit);
        final int read = channel.read(receiveByteBuffer);
        if (read > 0)
        {
            receiveLimit += read;
        }
        return read;
    }

    void consumeInput(final int consumed)
    {
        final int remaining = receiveLimit - consumed;
        if (remaining > 0 && consumed > 0)
        {
            receiveBuffer.putBytes(0, receiveBuffer, consumed, remaining);
        }
        receiveLimit = remaining;
    }

    void pauseInput()
    {
        if (!inputPaused)
        {
            inputPaused = true;
            if (key.isValid())
            {
                key.interestOps(0);
            }
        }
    }

    void resumeInput()
    {
        if (inputPaused)
        {
            inputPaused = false;
            if (key.isValid())
            {
                key.interestOps(SelectionKey.OP_READ);
            }
        }
    }
}
