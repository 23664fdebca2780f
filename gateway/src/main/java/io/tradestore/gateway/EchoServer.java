package io.tradestore.gateway;

import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.collections.ArrayListUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * The raw TCP reference for gateway round trips: an echo peer that does its I/O exactly as {@link GatewayServer}
 * does, minus the store. One Agrona agent thread runs a duty cycle of {@code selectNow} (reading every ready
 * connection into a preallocated direct buffer of {@link GatewayContext#DEFAULT_RECEIVE_BUFFER_LENGTH} bytes)
 * followed by a flush of every connection with pending output; sockets are non-blocking with TCP_NODELAY, and the
 * agent idles with the gateway's idle strategy ({@link GatewayContext#defaultIdleStrategy()} unless told
 * otherwise). The bytes received are written back unchanged; when the socket does not take them all, reading
 * that connection stops until they are written (TCP pushes back, as in the gateway).
 * <p>
 * What a round trip through it costs is therefore the loopback TCP stack, two system calls and the duty cycle's
 * wake-up; the gateway's round trip adds the hop to the store's pipeline and back, journal and apply. Binds the
 * loopback address only, on an ephemeral port. Allocation-free after a connection is accepted.
 */
public final class EchoServer implements AutoCloseable
{
    private final EchoAgent agent;
    private final AgentRunner runner;

    private EchoServer(final IdleStrategy idleStrategy) throws IOException
    {
        agent = new EchoAgent();
        runner = new AgentRunner(idleStrategy, Throwable::printStackTrace, null, agent);
        AgentRunner.startOnThread(runner);
    }

    /**
     * Bind the loopback address on an ephemeral port and start the agent thread with the gateway's default idle
     * strategy.
     *
     * @return the running server.
     * @throws IOException when binding fails.
     */
    public static EchoServer start() throws IOException
    {
        return start(GatewayContext.defaultIdleStrategy());
    }

    /**
     * Bind the loopback address on an ephemeral port and start the agent thread.
     *
     * @param idleStrategy of the agent when a duty cycle finds no work (use the gateway's to compare with it).
     * @return the running server.
     * @throws IOException when binding fails.
     */
    public static EchoServer start(final IdleStrategy idleStrategy) throws IOException
    {
        return new EchoServer(idleStrategy);
    }

    /**
     * @return the bound loopback address and port.
     */
    public InetSocketAddress localAddress()
    {
        return agent.address;
    }

    /**
     * Stop the agent and close every connection. Idempotent.
     */
    public void close()
    {
        CloseHelper.quietClose(runner);
    }

    /** One accepted connection: its channel, key and the bytes read but not yet written back. */
    private static final class Connection
    {
        final SocketChannel channel;
        final SelectionKey key;
        final ByteBuffer buffer = BufferUtil.allocateDirectAligned(GatewayContext.DEFAULT_RECEIVE_BUFFER_LENGTH, 64);
        int writePosition;
        boolean closed;

        Connection(final SocketChannel channel, final Selector selector) throws IOException
        {
            this.channel = channel;
            this.key = channel.register(selector, SelectionKey.OP_READ, this);
        }
    }

    /** The duty cycle: select and read, then flush. Agent thread only. */
    private static final class EchoAgent implements Agent, Consumer<SelectionKey>
    {
        private final Selector selector;
        private final ServerSocketChannel serverChannel;
        private final SelectionKey serverKey;
        private final ArrayList<Connection> connections = new ArrayList<>();
        final InetSocketAddress address;

        EchoAgent() throws IOException
        {
            selector = Selector.open();
            ServerSocketChannel server = null;
            try
            {
                server = ServerSocketChannel.open();
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
                server.configureBlocking(false);
                serverKey = server.register(selector, SelectionKey.OP_ACCEPT);
                address = (InetSocketAddress)server.getLocalAddress();
            }
            catch (final IOException ex)
            {
                CloseHelper.quietCloseAll(server, selector);
                throw ex;
            }
            serverChannel = server;
        }

        public String roleName()
        {
            return "tradestore-echo";
        }

        public int doWork() throws IOException
        {
            int work = selector.selectNow(this);
            for (int i = connections.size() - 1; i >= 0; i--)
            {
                final Connection connection = connections.get(i);
                if (!connection.closed && connection.buffer.position() > connection.writePosition)
                {
                    work += flush(connection);
                }
                if (connection.closed)
                {
                    connection.key.cancel();
                    CloseHelper.quietClose(connection.channel);
                    ArrayListUtil.fastUnorderedRemove(connections, i);
                }
            }
            return work;
        }

        public void accept(final SelectionKey key)
        {
            if (key == serverKey)
            {
                acceptConnections();
                return;
            }
            final Connection connection = (Connection)key.attachment();
            if (connection.closed || !key.isValid() || !key.isReadable())
            {
                return;
            }
            try
            {
                if (connection.channel.read(connection.buffer) < 0)
                {
                    connection.closed = true;
                }
                else if (!connection.buffer.hasRemaining())
                {
                    key.interestOps(0);
                }
            }
            catch (final IOException ex)
            {
                connection.closed = true;
            }
        }

        public void onClose()
        {
            for (int i = 0; i < connections.size(); i++)
            {
                CloseHelper.quietClose(connections.get(i).channel);
            }
            connections.clear();
            CloseHelper.quietCloseAll(serverChannel, selector);
        }

        private int flush(final Connection connection)
        {
            final ByteBuffer buffer = connection.buffer;
            final int readPosition = buffer.position();
            try
            {
                buffer.limit(readPosition).position(connection.writePosition);
                final int written = connection.channel.write(buffer);
                connection.writePosition += written;
                if (connection.writePosition == readPosition)
                {
                    connection.writePosition = 0;
                    buffer.clear();
                    if (connection.key.interestOps() == 0)
                    {
                        connection.key.interestOps(SelectionKey.OP_READ);
                    }
                }
                else
                {
                    buffer.limit(buffer.capacity()).position(readPosition);
                }
                return written;
            }
            catch (final IOException ex)
            {
                connection.closed = true;
                return 0;
            }
        }

        private void acceptConnections()
        {
            SocketChannel channel = null;
            try
            {
                while (null != (channel = serverChannel.accept()))
                {
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    connections.add(new Connection(channel, selector));
                    channel = null;
                }
            }
            catch (final IOException ex)
            {
                CloseHelper.quietClose(channel);
            }
        }
    }
}
