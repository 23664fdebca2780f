package io.tradestore.gateway;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

/**
 * Configuration of a {@link GatewayServer}: typed setters with defaults, validated once by {@link #conclude()}.
 * Not thread safe; do not change after the server is constructed.
 */
public final class GatewayContext
{
    /** Default bind address: loopback only. */
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    /** Default TCP port. */
    public static final int DEFAULT_PORT = 7001;
    /** Default maximum number of concurrent connections. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    /** Default maximum frame length, SOFH included, in bytes (room for a Logon with two 1 KiB strings). */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 4096;
    /** Default receive buffer per connection in bytes. */
    public static final int DEFAULT_RECEIVE_BUFFER_LENGTH = 64 * 1024;
    /** Default outbound buffer per connection in bytes; a client that lets it fill is disconnected. */
    public static final int DEFAULT_OUTBOUND_BUFFER_LENGTH = 1024 * 1024;
    /** Default message rate limit per session, messages per second. */
    public static final int DEFAULT_MAX_MESSAGES_PER_SECOND = 2_000_000;
    /** Default logon timeout. */
    public static final long DEFAULT_LOGON_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    /** Default heartbeat interval: the server sends a Heartbeat after this long without sending. */
    public static final long DEFAULT_HEARTBEAT_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    /** Default idle timeout: a session with no complete frame received for this long is disconnected. */
    public static final long DEFAULT_IDLE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    /** Default capacity of the ring carrying store outcomes to the agent, in bytes (a power of two). */
    public static final int DEFAULT_OUTCOME_RING_LENGTH = 8 * 1024 * 1024;

    private String bindAddress = DEFAULT_BIND_ADDRESS;
    private int port = DEFAULT_PORT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
    private int receiveBufferLength = DEFAULT_RECEIVE_BUFFER_LENGTH;
    private int outboundBufferLength = DEFAULT_OUTBOUND_BUFFER_LENGTH;
    private int maxMessagesPerSecond = DEFAULT_MAX_MESSAGES_PER_SECOND;
    private long logonTimeoutNs = DEFAULT_LOGON_TIMEOUT_NS;
    private long heartbeatIntervalNs = DEFAULT_HEARTBEAT_INTERVAL_NS;
    private long idleTimeoutNs = DEFAULT_IDLE_TIMEOUT_NS;
    private int outcomeRingLength = DEFAULT_OUTCOME_RING_LENGTH;
    private IdleStrategy idleStrategy;
    private Credentials credentials;
    private boolean concluded;

    /**
     * @param bindAddress host or IP to listen on; loopback by default.
     * @return this.
     */
    public GatewayContext bindAddress(final String bindAddress)
    {
        this.bindAddress = bindAddress;
        return this;
    }

    /**
     * @return the address to listen on.
     */
    public String bindAddress()
    {
        return bindAddress;
    }

    /**
     * @param port TCP port, 0 for an ephemeral one.
     * @return this.
     */
    public GatewayContext port(final int port)
    {
        this.port = port;
        return this;
    }

    /**
     * @return the TCP port (0 = ephemeral).
     */
    public int port()
    {
        return port;
    }

    /**
     * @param maxConnections concurrent connections, logged on or not; further connections are closed at once.
     * @return this.
     */
    public GatewayContext maxConnections(final int maxConnections)
    {
        this.maxConnections = maxConnections;
        return this;
    }

    /**
     * @return the maximum number of concurrent connections.
     */
    public int maxConnections()
    {
        return maxConnections;
    }

    /**
     * @param maxFrameLength largest accepted frame, SOFH included, in bytes; a longer one disconnects.
     * @return this.
     */
    public GatewayContext maxFrameLength(final int maxFrameLength)
    {
        this.maxFrameLength = maxFrameLength;
        return this;
    }

    /**
     * @return the largest accepted frame in bytes.
     */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * @param receiveBufferLength per-connection receive buffer in bytes, at least the max frame length.
     * @return this.
     */
    public GatewayContext receiveBufferLength(final int receiveBufferLength)
    {
        this.receiveBufferLength = receiveBufferLength;
        return this;
    }

    /**
     * @return per-connection receive buffer in bytes.
     */
    public int receiveBufferLength()
    {
        return receiveBufferLength;
    }

    /**
     * @param outboundBufferLength per-connection outbound buffer in bytes; a client that lets it fill is
     *                             disconnected as a slow consumer.
     * @return this.
     */
    public GatewayContext outboundBufferLength(final int outboundBufferLength)
    {
        this.outboundBufferLength = outboundBufferLength;
        return this;
    }

    /**
     * @return per-connection outbound buffer in bytes.
     */
    public int outboundBufferLength()
    {
        return outboundBufferLength;
    }

    /**
     * @param maxMessagesPerSecond messages a logged-on session may send per one-second window; the excess is
     *                             rejected with RATE_LIMITED and never reaches the store.
     * @return this.
     */
    public GatewayContext maxMessagesPerSecond(final int maxMessagesPerSecond)
    {
        this.maxMessagesPerSecond = maxMessagesPerSecond;
        return this;
    }

    /**
     * @return per-session message rate limit, messages per second.
     */
    public int maxMessagesPerSecond()
    {
        return maxMessagesPerSecond;
    }

    /**
     * @param logonTimeoutNs time from accept to a successful logon before the connection is closed.
     * @return this.
     */
    public GatewayContext logonTimeoutNs(final long logonTimeoutNs)
    {
        this.logonTimeoutNs = logonTimeoutNs;
        return this;
    }

    /**
     * @return the logon timeout in ns.
     */
    public long logonTimeoutNs()
    {
        return logonTimeoutNs;
    }

    /**
     * @param heartbeatIntervalNs the server sends a Heartbeat after this long without sending anything.
     * @return this.
     */
    public GatewayContext heartbeatIntervalNs(final long heartbeatIntervalNs)
    {
        this.heartbeatIntervalNs = heartbeatIntervalNs;
        return this;
    }

    /**
     * @return the heartbeat interval in ns.
     */
    public long heartbeatIntervalNs()
    {
        return heartbeatIntervalNs;
    }

    /**
     * @param idleTimeoutNs a logged-on session that completes no frame for this long is disconnected.
     * @return this.
     */
    public GatewayContext idleTimeoutNs(final long idleTimeoutNs)
    {
        this.idleTimeoutNs = idleTimeoutNs;
        return this;
    }

    /**
     * @return the idle timeout in ns.
     */
    public long idleTimeoutNs()
    {
        return idleTimeoutNs;
    }

    /**
     * @param outcomeRingLength bytes of the ring carrying outcomes from the store's egress thread to the agent;
     *                          a power of two.
     * @return this.
     */
    public GatewayContext outcomeRingLength(final int outcomeRingLength)
    {
        this.outcomeRingLength = outcomeRingLength;
        return this;
    }

    /**
     * @return the outcome ring capacity in bytes.
     */
    public int outcomeRingLength()
    {
        return outcomeRingLength;
    }

    /**
     * @param idleStrategy of the agent thread when a duty cycle finds no work. The default backs off from a few spins and
     *                     yields to parking 1-50 us, so the gateway does not steal a core from the store on a
     *                     small machine; use a busy-spin strategy on a box with cores to spare.
     * @return this.
     */
    public GatewayContext idleStrategy(final IdleStrategy idleStrategy)
    {
        this.idleStrategy = idleStrategy;
        return this;
    }

    /**
     * The default idle strategy of the agent: a few spins, then yields, then parks backing off from 1 to 50 us.
     * A new instance per call (idle strategies keep state); also used by {@link EchoServer} so that the raw TCP
     * reference idles exactly as the gateway does.
     *
     * @return a new default idle strategy.
     */
    public static IdleStrategy defaultIdleStrategy()
    {
        return new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(50));
    }

    /**
     * @return the agent's idle strategy.
     */
    public IdleStrategy idleStrategy()
    {
        return idleStrategy;
    }

    /**
     * @param credentials the users allowed to log on.
     * @return this.
     */
    public GatewayContext credentials(final Credentials credentials)
    {
        this.credentials = credentials;
        return this;
    }

    /**
     * @return the users allowed to log on.
     */
    public Credentials credentials()
    {
        return credentials;
    }

    /**
     * Validate and fill defaults. Idempotent.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first invalid setting.
     */
    public GatewayContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (credentials == null)
        {
            throw new IllegalArgumentException("credentials are required");
        }
        try
        {
            InetAddress.getByName(bindAddress);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("unknown bind address: " + bindAddress);
        }
        require(port >= 0 && port <= 65535, "port must be 0..65535: " + port);
        require(maxConnections >= 1, "maxConnections must be positive: " + maxConnections);
        require(maxFrameLength >= 256 && maxFrameLength <= 1024 * 1024,
            "maxFrameLength must be 256..1048576: " + maxFrameLength);
        require(receiveBufferLength >= maxFrameLength, "receiveBufferLength must be >= maxFrameLength");
        require(outboundBufferLength >= 4096, "outboundBufferLength must be >= 4096: " + outboundBufferLength);
        require(maxMessagesPerSecond >= 1, "maxMessagesPerSecond must be positive");
        require(logonTimeoutNs > 0 && heartbeatIntervalNs > 0 && idleTimeoutNs > 0, "timeouts must be positive");
        require(Integer.bitCount(outcomeRingLength) == 1 && outcomeRingLength >= 64 * 1024,
            "outcomeRingLength must be a power of two >= 65536");
        if (idleStrategy == null)
        {
            idleStrategy = defaultIdleStrategy();
        }
        concluded = true;
        return this;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
