package io.tradestore.gateway;

import io.tradestore.core.sbe.AckEncoder;
import io.tradestore.core.sbe.AckStatus;
import io.tradestore.core.sbe.CancelOrderDecoder;
import io.tradestore.core.sbe.FillDecoder;
import io.tradestore.core.sbe.HeartbeatDecoder;
import io.tradestore.core.sbe.HeartbeatEncoder;
import io.tradestore.core.sbe.LogonDecoder;
import io.tradestore.core.sbe.LogonResponseEncoder;
import io.tradestore.core.sbe.LogonStatus;
import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.MessageHeaderDecoder;
import io.tradestore.core.sbe.MessageHeaderEncoder;
import io.tradestore.core.sbe.NewOrderDecoder;
import io.tradestore.core.sbe.OrderStatus;
import io.tradestore.core.sbe.RejectReason;
import io.tradestore.core.sbe.ReplaceOrderDecoder;
import io.tradestore.core.sbe.SubscribeDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.ArrayListUtil;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The gateway's single duty-cycle agent: accepts connections, reads and decodes frames, authorises and publishes
 * events to the store, drains store outcomes into acks and market-data fan-out, flushes outbound buffers and runs
 * the session timers. Allocation-free in steady state; allocates only on accept (pooled sessions aside), logon
 * and disconnect. Runs on the gateway agent thread only.
 */
final class GatewayAgent implements Agent, FrameHandler, MessageHandler, Consumer<SelectionKey>
{
    private static final int OUTCOME_READ_LIMIT = 4096;
    private static final long TIMER_INTERVAL_NS = 1_000_000L;
    private static final int ACK_FRAME_LENGTH =
        FrameDescriptor.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + AckEncoder.BLOCK_LENGTH;
    private static final int HEARTBEAT_FRAME_LENGTH =
        FrameDescriptor.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + HeartbeatEncoder.BLOCK_LENGTH;
    private static final short NO_ORDER_STATUS = OrderStatus.NULL_VAL.value();

    private final GatewayContext ctx;
    private final GatewayCounters counters;
    private final RingBuffer outcomes;
    private final EventSink sink;
    private final IntSupplier pipeline;
    private final Selector selector;
    private final ServerSocketChannel serverChannel;
    private final SelectionKey serverKey;
    private final Authenticator authenticator;
    private final FrameDecoder frameDecoder;
    private final ArrayList<Session> sessions = new ArrayList<>();
    private final Long2ObjectHashMap<Session> sessionById = new Long2ObjectHashMap<>();
    private final ArrayDeque<Session> sessionPool = new ArrayDeque<>();

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final LogonDecoder logonDecoder = new LogonDecoder();
    private final NewOrderDecoder newOrderDecoder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelDecoder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceDecoder = new ReplaceOrderDecoder();
    private final FillDecoder fillDecoder = new FillDecoder();
    private final MarketDataUpdateDecoder marketDataDecoder = new MarketDataUpdateDecoder();
    private final SubscribeDecoder subscribeDecoder = new SubscribeDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final AckEncoder ackEncoder = new AckEncoder();
    private final HeartbeatEncoder heartbeatEncoder = new HeartbeatEncoder();
    private final LogonResponseEncoder logonResponseEncoder = new LogonResponseEncoder();

    private Session currentSession;
    private boolean drivingStore;
    private long nowNs;
    private long nextTimerNs;
    private long nextSessionId = 1;

    GatewayAgent(
        final GatewayContext ctx,
        final GatewayCounters counters,
        final RingBuffer outcomes,
        final EventSink sink,
        final IntSupplier pipeline)
        throws IOException
    {
        this.ctx = ctx;
        this.counters = counters;
        this.outcomes = outcomes;
        this.sink = sink;
        this.pipeline = pipeline;
        this.frameDecoder = new FrameDecoder(ctx.maxFrameLength());
        this.selector = Selector.open();
        ServerSocketChannel server = null;
        try
        {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(ctx.bindAddress(), ctx.port()), 128);
            server.configureBlocking(false);
            this.serverKey = server.register(selector, SelectionKey.OP_ACCEPT);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietCloseAll(server, selector);
            throw ex;
        }
        this.serverChannel = server;
        this.authenticator = new Authenticator(ctx.credentials(), ctx.maxConnections());
    }

    InetSocketAddress localAddress() throws IOException
    {
        return (InetSocketAddress)serverChannel.getLocalAddress();
    }

    public String roleName()
    {
        return "tradestore-gateway";
    }

    public int doWork() throws IOException
    {
        nowNs = System.nanoTime();
        int work = selector.selectNow(this);
        work += retryPausedInput();
        if (null != pipeline)
        {
            // an INVOKED store: journal + apply what was just published; its outcomes are all in the ring now (one
            // doWork can leave more than one read takes), so drain it empty before flushing
            drivingStore = true;
            try
            {
                work += pipeline.getAsInt();
            }
            finally
            {
                drivingStore = false;
            }
            int drained;
            while ((drained = drainOutcomes()) > 0)
            {
                work += drained;
            }
        }
        else
        {
            work += drainOutcomes();
        }
        work += pollAuthentications();
        if (nowNs >= nextTimerNs)
        {
            nextTimerNs = nowNs + TIMER_INTERVAL_NS;
            checkTimers();
        }
        work += flushAll();
        sweepClosed();
        return work;
    }

    /**
     * Turn queued store outcomes into acks and fan-out now and write them out: for an INVOKED store whose egress,
     * running inside this agent's duty cycle, found the outcome ring full. Flushing here keeps what one duty cycle
     * queues for a client to one ring's worth, as the duty cycle's own flush does, so a burst never overfills the
     * outbound buffer of a client that keeps up. Safe inside {@code doWork}: the store is driven at its top level,
     * not while sessions are iterated or input decoded.
     */
    /**
     * @return true while this agent runs an INVOKED store's {@code doWork} (so the store's egress is on this thread,
     * at the top of a duty cycle). Set and cleared on the agent thread; once the agent has stopped, false.
     */
    boolean isDrivingStore()
    {
        return drivingStore;
    }

    void drainOutcomesAndFlush()
    {
        drainOutcomes();
        flushAll();
    }

    private int drainOutcomes()
    {
        return outcomes.read(this, OUTCOME_READ_LIMIT);
    }

    public void onClose()
    {
        for (int i = sessions.size() - 1; i >= 0; i--)
        {
            final Session session = sessions.get(i);
            if (session.isOpen())
            {
                disconnect(session, GatewayCounter.DISCONNECT_SHUTDOWN, "server shutdown");
            }
        }
        sweepClosed();
        CloseHelper.quietCloseAll(authenticator, serverChannel, selector);
    }

    /**
     * Selector callback for each ready key.
     */
    public void accept(final SelectionKey key)
    {
        if (key == serverKey)
        {
            acceptConnections();
            return;
        }
        final Session session = (Session)key.attachment();
        if (session.isOpen() && !session.inputPaused && key.isValid() && key.isReadable())
        {
            readInput(session);
        }
    }

    /**
     * Outcome ring callback: one store outcome.
     */
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long sessionId = buffer.getLong(index + OutcomeDescriptor.SESSION_ID_OFFSET);
        final long correlationId = buffer.getLong(index + OutcomeDescriptor.CORRELATION_ID_OFFSET);
        final long sequence = buffer.getLong(index + OutcomeDescriptor.SEQUENCE_OFFSET);
        final int rejectReason = buffer.getInt(index + OutcomeDescriptor.REJECT_REASON_OFFSET);
        final int orderStatus = buffer.getInt(index + OutcomeDescriptor.ORDER_STATUS_OFFSET);

        if (length > OutcomeDescriptor.HEADER_LENGTH)
        {
            fanOut(buffer, index + OutcomeDescriptor.HEADER_LENGTH, length - OutcomeDescriptor.HEADER_LENGTH);
        }

        final Session session = sessionById.get(sessionId);
        if (null == session || !session.isOpen())
        {
            counters.increment(GatewayCounter.OUTCOMES_WITHOUT_SESSION);
            return;
        }
        sendAck(session, correlationId, sequence, rejectReason, orderStatus < 0 ? NO_ORDER_STATUS : orderStatus);
        counters.increment(GatewayCounter.ACKS_SENT);
    }

    /**
     * Frame callback for the session being decoded.
     */
    public int onFrame(final DirectBuffer buffer, final int offset, final int length, final int templateId)
    {
        final Session session = currentSession;
        if (templateId < 0)
        {
            if (session.state != Session.ACTIVE)
            {
                disconnect(session, GatewayCounter.DISCONNECT_MALFORMED, "malformed message before logon");
                return BREAK;
            }
            counters.increment(GatewayCounter.REJECT_MALFORMED);
            sendAck(session, 0, 0, RejectReason.MALFORMED_MESSAGE.value(), NO_ORDER_STATUS);
            return CONTINUE;
        }

        counters.increment(GatewayCounter.MESSAGES_RECEIVED);
        if (session.state != Session.ACTIVE)
        {
            return onFrameBeforeLogon(session, buffer, offset, templateId);
        }

        session.lastReceivedNs = nowNs;
        if (templateId == HeartbeatDecoder.TEMPLATE_ID)
        {
            return CONTINUE;
        }

        final long correlationId = correlationId(buffer, offset, templateId);
        if (!session.tryAcquireRate(nowNs, ctx.maxMessagesPerSecond()))
        {
            return reject(session, correlationId, RejectReason.RATE_LIMITED, GatewayCounter.REJECT_RATE_LIMITED);
        }

        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final Credential credential = session.credential;
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                newOrderDecoder.wrap(buffer, bodyOffset, NewOrderDecoder.BLOCK_LENGTH, NewOrderDecoder.SCHEMA_VERSION);
                return publishOrderFlow(session, buffer, offset, length, correlationId, newOrderDecoder.accountId());

            case CancelOrderDecoder.TEMPLATE_ID:
                cancelDecoder.wrap(buffer, bodyOffset, CancelOrderDecoder.BLOCK_LENGTH, CancelOrderDecoder.SCHEMA_VERSION);
                return publishOrderFlow(session, buffer, offset, length, correlationId, cancelDecoder.accountId());

            case ReplaceOrderDecoder.TEMPLATE_ID:
                replaceDecoder.wrap(
                    buffer, bodyOffset, ReplaceOrderDecoder.BLOCK_LENGTH, ReplaceOrderDecoder.SCHEMA_VERSION);
                return publishOrderFlow(session, buffer, offset, length, correlationId, replaceDecoder.accountId());

            case FillDecoder.TEMPLATE_ID:
                fillDecoder.wrap(buffer, bodyOffset, FillDecoder.BLOCK_LENGTH, FillDecoder.SCHEMA_VERSION);
                return publishOrderFlow(session, buffer, offset, length, correlationId, fillDecoder.accountId());

            case MarketDataUpdateDecoder.TEMPLATE_ID:
                if (!credential.hasRole(Role.PUBLISHER))
                {
                    return reject(
                        session, correlationId, RejectReason.NOT_AUTHORISED, GatewayCounter.REJECT_NOT_AUTHORISED);
                }
                return publish(session, buffer, offset, length, correlationId);

            case SubscribeDecoder.TEMPLATE_ID:
                return onSubscribe(session, buffer, bodyOffset);

            default:
                return reject(session, correlationId, RejectReason.UNSUPPORTED_MESSAGE, GatewayCounter.REJECT_UNSUPPORTED);
        }
    }

    private int onFrameBeforeLogon(final Session session, final DirectBuffer buffer, final int offset, final int templateId)
    {
        if (templateId != LogonDecoder.TEMPLATE_ID || session.state != Session.AWAIT_LOGON)
        {
            sendAck(session, correlationId(buffer, offset, templateId), 0, RejectReason.NOT_LOGGED_ON.value(),
                NO_ORDER_STATUS);
            disconnect(session, GatewayCounter.DISCONNECT_NOT_LOGGED_ON, "not logged on: Logon must be first");
            return BREAK;
        }

        logonDecoder.wrap(
            buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, LogonDecoder.BLOCK_LENGTH, LogonDecoder.SCHEMA_VERSION);
        final byte[] username = new byte[logonDecoder.usernameLength()];
        logonDecoder.getUsername(username, 0, username.length);
        final byte[] password = new byte[logonDecoder.passwordLength()];
        logonDecoder.getPassword(password, 0, password.length);

        final Authenticator.Request request = new Authenticator.Request(
            session.sessionId, new String(username, StandardCharsets.UTF_8), password, password.length);
        if (!authenticator.submit(request))
        {
            Arrays.fill(password, (byte)0);
            counters.increment(GatewayCounter.LOGONS_REJECTED);
            disconnect(session, GatewayCounter.DISCONNECT_BAD_CREDENTIALS, "logon refused: server busy");
            return BREAK;
        }
        session.state = Session.AUTHENTICATING;
        session.pauseInput();
        return BREAK;
    }

    private int publishOrderFlow(
        final Session session,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long correlationId,
        final long accountId)
    {
        final Credential credential = session.credential;
        if (!credential.hasRole(Role.TRADER) || !credential.permits(accountId))
        {
            return reject(session, correlationId, RejectReason.NOT_AUTHORISED, GatewayCounter.REJECT_NOT_AUTHORISED);
        }
        return publish(session, buffer, offset, length, correlationId);
    }

    private int publish(
        final Session session, final DirectBuffer buffer, final int offset, final int length, final long correlationId)
    {
        final long result = sink.tryPublish(session.sessionId, buffer, offset, length);
        if (result > 0)
        {
            counters.increment(GatewayCounter.EVENTS_PUBLISHED);
            return CONTINUE;
        }
        if (result == -1)
        {
            session.releaseRate();
            counters.increment(GatewayCounter.STORE_BACK_PRESSURE);
            session.backPressured = true;
            session.pauseInput();
            return ABORT;
        }
        if (result == -3)
        {
            return reject(session, correlationId, RejectReason.MALFORMED_MESSAGE, GatewayCounter.REJECT_MALFORMED);
        }
        if (result == -5)
        {
            return reject(session, correlationId, RejectReason.DISK_FULL, GatewayCounter.REJECT_DISK_FULL);
        }
        return reject(session, correlationId, RejectReason.STORE_HALTED, GatewayCounter.REJECT_STORE_HALTED);
    }

    private int onSubscribe(final Session session, final DirectBuffer buffer, final int bodyOffset)
    {
        if (!session.credential.hasRole(Role.SUBSCRIBER))
        {
            return reject(session, 0, RejectReason.NOT_AUTHORISED, GatewayCounter.REJECT_NOT_AUTHORISED);
        }
        subscribeDecoder.wrap(buffer, bodyOffset, SubscribeDecoder.BLOCK_LENGTH, SubscribeDecoder.SCHEMA_VERSION);
        final int instrumentId = subscribeDecoder.instrumentId();
        if (instrumentId == 0)
        {
            session.subscribedAll = true;
        }
        else
        {
            session.instruments.add(instrumentId);
        }
        sendAck(session, 0, 0, RejectReason.NONE.value(), NO_ORDER_STATUS);
        return CONTINUE;
    }

    private int reject(
        final Session session, final long correlationId, final RejectReason reason, final GatewayCounter counter)
    {
        counters.increment(counter);
        sendAck(session, correlationId, 0, reason.value(), NO_ORDER_STATUS);
        return session.isOpen() ? CONTINUE : BREAK;
    }

    private static long correlationId(final DirectBuffer buffer, final int offset, final int templateId)
    {
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
            case CancelOrderDecoder.TEMPLATE_ID:
            case ReplaceOrderDecoder.TEMPLATE_ID:
            case FillDecoder.TEMPLATE_ID:
            case MarketDataUpdateDecoder.TEMPLATE_ID:
                return buffer.getLong(
                    offset + MessageHeaderDecoder.ENCODED_LENGTH, ByteOrder.LITTLE_ENDIAN);
            default:
                return 0;
        }
    }

    private void acceptConnections()
    {
        while (true)
        {
            final SocketChannel channel;
            try
            {
                channel = serverChannel.accept();
            }
            catch (final IOException ex)
            {
                counters.increment(GatewayCounter.DISCONNECT_IO_ERROR);
                return;
            }
            if (null == channel)
            {
                return;
            }
            counters.increment(GatewayCounter.CONNECTIONS_ACCEPTED);
            if (sessions.size() >= ctx.maxConnections())
            {
                counters.increment(GatewayCounter.CONNECTIONS_REFUSED_MAX);
                CloseHelper.quietClose(channel);
                continue;
            }
            try
            {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Session session = sessionPool.pollFirst();
                if (null == session)
                {
                    session = new Session(ctx.receiveBufferLength(), ctx.outboundBufferLength());
                }
                final SelectionKey key = channel.register(selector, SelectionKey.OP_READ, session);
                session.open(nextSessionId++, channel, key, nowNs);
                sessions.add(session);
                sessionById.put(session.sessionId, session);
            }
            catch (final IOException ex)
            {
                counters.increment(GatewayCounter.DISCONNECT_IO_ERROR);
                CloseHelper.quietClose(channel);
            }
        }
    }

    private void readInput(final Session session)
    {
        try
        {
            final int read = session.read();
            if (read < 0)
            {
                disconnect(session, GatewayCounter.DISCONNECT_PEER_CLOSED, null);
                return;
            }
        }
        catch (final IOException ex)
        {
            disconnect(session, GatewayCounter.DISCONNECT_IO_ERROR, null);
            return;
        }
        decodeInput(session);
    }

    /**
     * Decode what the session's receive buffer holds.
     *
     * @return bytes consumed; 0 when nothing could be consumed (partial frame or store back-pressure).
     */
    private int decodeInput(final Session session)
    {
        currentSession = session;
        final int consumed = frameDecoder.decode(session.receiveBuffer, 0, session.receiveLimit, this);
        currentSession = null;
        if (consumed < 0)
        {
            final GatewayCounter counter = consumed == FrameDecoder.FRAME_TOO_LONG ?
                GatewayCounter.DISCONNECT_FRAME_TOO_LONG : GatewayCounter.DISCONNECT_BAD_FRAME;
            disconnect(session, counter, FrameDecoder.describe(consumed));
            return 0;
        }
        if (session.isOpen())
        {
            session.consumeInput(consumed);
        }
        return consumed;
    }

    private int retryPausedInput()
    {
        int work = 0;
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            final Session session = sessions.get(i);
            if (session.backPressured && session.state == Session.ACTIVE)
            {
                session.backPressured = false;
                session.resumeInput();
                if (decodeInput(session) > 0)
                {
                    work++;
                }
            }
        }
        return work;
    }

    private int pollAuthentications()
    {
        int work = 0;
        Authenticator.Request request;
        while (null != (request = authenticator.poll()))
        {
            work++;
            final Session session = sessionById.get(request.sessionId);
            if (null == session || session.state != Session.AUTHENTICATING)
            {
                continue;
            }
            if (null == request.result)
            {
                counters.increment(GatewayCounter.LOGONS_REJECTED);
                disconnect(session, GatewayCounter.DISCONNECT_BAD_CREDENTIALS, "logon rejected: bad credentials");
                continue;
            }
            counters.increment(GatewayCounter.LOGONS_ACCEPTED);
            session.credential = request.result;
            session.state = Session.ACTIVE;
            session.lastReceivedNs = nowNs;
            session.rateWindowStartNs = nowNs;
            sendLogonResponse(session, LogonStatus.ACCEPTED, "");
            session.resumeInput();
            if (session.receiveLimit > 0)
            {
                decodeInput(session);
            }
        }
        return work;
    }

    private void checkTimers()
    {
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            final Session session = sessions.get(i);
            if (!session.isOpen())
            {
                continue;
            }
            if (session.state != Session.ACTIVE)
            {
                if (nowNs - session.acceptedNs > ctx.logonTimeoutNs())
                {
                    disconnect(session, GatewayCounter.DISCONNECT_LOGON_TIMEOUT, "logon timeout");
                }
            }
            else if (nowNs - session.lastReceivedNs > ctx.idleTimeoutNs())
            {
                disconnect(session, GatewayCounter.DISCONNECT_IDLE_TIMEOUT, "idle timeout");
            }
            else if (nowNs - session.lastSentNs > ctx.heartbeatIntervalNs())
            {
                sendHeartbeat(session);
            }
        }
    }

    private int flushAll()
    {
        int work = 0;
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            final Session session = sessions.get(i);
            if (session.isOpen() && session.hasPendingOutput())
            {
                try
                {
                    work += session.flush();
                }
                catch (final IOException ex)
                {
                    disconnect(session, GatewayCounter.DISCONNECT_IO_ERROR, null);
                }
            }
        }
        return work;
    }

    private void fanOut(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        marketDataDecoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH,
            MarketDataUpdateDecoder.BLOCK_LENGTH, MarketDataUpdateDecoder.SCHEMA_VERSION);
        final int instrumentId = marketDataDecoder.instrumentId();
        final int frameLength = length + FrameDescriptor.HEADER_LENGTH;
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            final Session session = sessions.get(i);
            if (session.state == Session.ACTIVE && session.isSubscribed(instrumentId))
            {
                final int frameOffset = session.claim(frameLength);
                if (frameOffset < 0)
                {
                    slowConsumer(session);
                    continue;
                }
                FrameDescriptor.writeHeader(session.sendBuffer, frameOffset, length);
                session.sendBuffer.putBytes(frameOffset + FrameDescriptor.HEADER_LENGTH, buffer, offset, length);
                session.lastSentNs = nowNs;
                counters.increment(GatewayCounter.MARKET_DATA_SENT);
            }
        }
    }

    private void sendAck(
        final Session session, final long correlationId, final long sequence, final int rejectReason, final int orderStatus)
    {
        if (!session.isOpen())
        {
            return;
        }
        final int frameOffset = session.claim(ACK_FRAME_LENGTH);
        if (frameOffset < 0)
        {
            slowConsumer(session);
            return;
        }
        FrameDescriptor.writeHeader(session.sendBuffer, frameOffset, ACK_FRAME_LENGTH - FrameDescriptor.HEADER_LENGTH);
        ackEncoder.wrapAndApplyHeader(session.sendBuffer, frameOffset + FrameDescriptor.HEADER_LENGTH, headerEncoder)
            .correlationId(correlationId)
            .sequence(sequence)
            .status(rejectReason == 0 ? AckStatus.ACCEPTED : AckStatus.REJECTED)
            .rejectReason(RejectReason.get((short)rejectReason))
            .orderStatus(OrderStatus.get((short)orderStatus));
        session.lastSentNs = nowNs;
    }

    private void sendHeartbeat(final Session session)
    {
        final int frameOffset = session.claim(HEARTBEAT_FRAME_LENGTH);
        if (frameOffset < 0)
        {
            slowConsumer(session);
            return;
        }
        FrameDescriptor.writeHeader(
            session.sendBuffer, frameOffset, HEARTBEAT_FRAME_LENGTH - FrameDescriptor.HEADER_LENGTH);
        heartbeatEncoder.wrapAndApplyHeader(session.sendBuffer, frameOffset + FrameDescriptor.HEADER_LENGTH, headerEncoder)
            .timestamp(nowNs);
        session.lastSentNs = nowNs;
        counters.increment(GatewayCounter.HEARTBEATS_SENT);
    }

    private void sendLogonResponse(final Session session, final LogonStatus status, final String reason)
    {
        final byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        final int messageLength = MessageHeaderEncoder.ENCODED_LENGTH + LogonResponseEncoder.BLOCK_LENGTH +
            LogonResponseEncoder.reasonHeaderLength() + reasonBytes.length;
        final int frameOffset = session.claim(messageLength + FrameDescriptor.HEADER_LENGTH);
        if (frameOffset < 0)
        {
            return;
        }
        FrameDescriptor.writeHeader(session.sendBuffer, frameOffset, messageLength);
        logonResponseEncoder
            .wrapAndApplyHeader(session.sendBuffer, frameOffset + FrameDescriptor.HEADER_LENGTH, headerEncoder)
            .status(status)
            .putReason(reasonBytes, 0, reasonBytes.length);
        session.lastSentNs = nowNs;
    }

    private void slowConsumer(final Session session)
    {
        disconnect(session, GatewayCounter.DISCONNECT_SLOW_CONSUMER, null);
    }

    /**
     * Mark a session for closing with a reason; the socket is closed by {@link #sweepClosed()} at the end of the
     * duty cycle, after a best-effort LogonResponse(REJECTED, reason) when the outbound buffer has room.
     */
    private void disconnect(final Session session, final GatewayCounter counter, final String reason)
    {
        if (!session.isOpen())
        {
            return;
        }
        counters.increment(counter);
        if (null != reason)
        {
            sendLogonResponse(session, LogonStatus.REJECTED, reason);
        }
        session.state = Session.CLOSING;
        session.disconnectCounter = counter;
        session.disconnectReason = reason;
    }

    private void sweepClosed()
    {
        for (int i = sessions.size() - 1; i >= 0; i--)
        {
            final Session session = sessions.get(i);
            if (session.state != Session.CLOSING)
            {
                continue;
            }
            if (null != session.disconnectReason && session.hasPendingOutput())
            {
                try
                {
                    session.flush();
                }
                catch (final IOException ignore)
                {
                    // the peer is being dropped anyway
                }
            }
            session.key.cancel();
            CloseHelper.quietClose(session.channel);
            session.state = Session.CLOSED;
            session.channel = null;
            session.key = null;
            session.credential = null;
            sessionById.remove(session.sessionId);
            ArrayListUtil.fastUnorderedRemove(sessions, i);
            sessionPool.addLast(session);
        }
    }
}
