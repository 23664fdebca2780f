package io.tradestore.gateway;

import io.tradestore.core.sbe.AckDecoder;
import io.tradestore.core.sbe.LogonResponseDecoder;
import io.tradestore.core.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * A blocking test connection that writes raw bytes and reads whole frames.
 */
final class RawConnection implements AutoCloseable
{
    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawConnection(final InetSocketAddress address) throws IOException
    {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 5_000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void send(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
    }

    /** @return the SBE message of the next frame, or null at end of stream. */
    UnsafeBuffer readFrame() throws IOException
    {
        try
        {
            final int frameLength = in.readInt();
            in.readShort();
            final byte[] message = new byte[frameLength - FrameDescriptor.HEADER_LENGTH];
            in.readFully(message);
            return new UnsafeBuffer(message);
        }
        catch (final EOFException | SocketException ex)
        {
            return null;
        }
    }

    /** Read frames until one of the template arrives; null at end of stream. */
    UnsafeBuffer readUntil(final int templateId) throws IOException
    {
        UnsafeBuffer frame;
        while (null != (frame = readFrame()))
        {
            if (templateId(frame) == templateId)
            {
                return frame;
            }
        }
        return null;
    }

    AckDecoder readAck() throws IOException
    {
        final UnsafeBuffer frame = readUntil(AckDecoder.TEMPLATE_ID);
        if (null == frame)
        {
            return null;
        }
        return new AckDecoder().wrap(frame, MessageHeaderDecoder.ENCODED_LENGTH, AckDecoder.BLOCK_LENGTH, 1);
    }

    LogonResponseDecoder readLogonResponse() throws IOException
    {
        final UnsafeBuffer frame = readUntil(LogonResponseDecoder.TEMPLATE_ID);
        if (null == frame)
        {
            return null;
        }
        return new LogonResponseDecoder().wrap(
            frame, MessageHeaderDecoder.ENCODED_LENGTH, LogonResponseDecoder.BLOCK_LENGTH, 1);
    }

    /** @return true when the server closed the connection (EOF or reset) before the read timeout. */
    boolean awaitClosed() throws IOException
    {
        try
        {
            while (null != readFrame())
            {
                continue;
            }
            return true;
        }
        catch (final SocketTimeoutException ex)
        {
            return false;
        }
    }

    static int templateId(final UnsafeBuffer message)
    {
        return new MessageHeaderDecoder().wrap(message, 0).templateId();
    }

    public void close() throws IOException
    {
        socket.close();
    }
}
