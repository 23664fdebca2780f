package io.tradestore.gateway;

import io.tradestore.core.sbe.CancelOrderEncoder;
import io.tradestore.core.sbe.HeartbeatEncoder;
import io.tradestore.core.sbe.LogonEncoder;
import io.tradestore.core.sbe.MarketDataUpdateEncoder;
import io.tradestore.core.sbe.MessageHeaderEncoder;
import io.tradestore.core.sbe.NewOrderEncoder;
import io.tradestore.core.sbe.Side;
import io.tradestore.core.sbe.SubscribeEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds SOFH frames as byte arrays for tests.
 */
final class Frames
{
    private Frames()
    {
    }

    static byte[] logon(final String user, final String password)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final LogonEncoder encoder = new LogonEncoder()
            .wrapAndApplyHeader(buffer, FrameDescriptor.HEADER_LENGTH, new MessageHeaderEncoder());
        final byte[] u = user.getBytes(StandardCharsets.UTF_8);
        final byte[] p = password.getBytes(StandardCharsets.UTF_8);
        encoder.putUsername(u, 0, u.length).putPassword(p, 0, p.length);
        return finish(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static byte[] newOrder(
        final long correlationId, final long orderId, final long account, final int instrument, final long price,
        final long quantity)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final NewOrderEncoder encoder = new NewOrderEncoder()
            .wrapAndApplyHeader(buffer, FrameDescriptor.HEADER_LENGTH, new MessageHeaderEncoder())
            .correlationId(correlationId).orderId(orderId).accountId(account).instrumentId(instrument)
            .side(Side.BUY).price(price).quantity(quantity);
        return finish(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static byte[] cancel(final long correlationId, final long orderId, final long account)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final CancelOrderEncoder encoder = new CancelOrderEncoder()
            .wrapAndApplyHeader(buffer, FrameDescriptor.HEADER_LENGTH, new MessageHeaderEncoder())
            .correlationId(correlationId).orderId(orderId).accountId(account);
        return finish(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static byte[] marketData(final long correlationId, final int instrument, final long last)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final MarketDataUpdateEncoder encoder = new MarketDataUpdateEncoder()
            .wrapAndApplyHeader(buffer, FrameDescriptor.HEADER_LENGTH, new MessageHeaderEncoder())
            .correlationId(correlationId).instrumentId(instrument).bidPrice(last - 1).bidQuantity(10)
            .askPrice(last + 1).askQuantity(10).lastPrice(last).lastQuantity(5).sequence(0).timestamp(0);
        return finish(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static byte[] subscribe(final int instrument)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final SubscribeEncoder encoder = new SubscribeEncoder()
            .wrapAndApplyHeader(buffer, FrameDescriptor.HEADER_LENGTH, new MessageHeaderEncoder())
            .instrumentId(instrument);
        return finish(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    static byte[] heartbeat()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final HeartbeatEncoder encoder = new HeartbeatEncoder()
            .wrapAndApplyHeader(buffer, FrameDescriptor.HEADER_LENGTH, new MessageHeaderEncoder()).timestamp(1);
        return finish(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    /** A frame with an arbitrary SBE header and body of {@code bodyLength} zero bytes. */
    static byte[] raw(
        final int blockLength, final int templateId, final int schemaId, final int version, final int bodyLength)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[FrameDescriptor.MIN_FRAME_LENGTH + bodyLength]);
        new MessageHeaderEncoder().wrap(buffer, FrameDescriptor.HEADER_LENGTH)
            .blockLength(blockLength).templateId(templateId).schemaId(schemaId).version(version);
        return finish(buffer, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
    }

    /** Just a SOFH header claiming {@code frameLength} (unsigned) bytes. */
    static byte[] header(final long frameLength, final int encodingType)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[FrameDescriptor.HEADER_LENGTH]);
        buffer.putInt(0, (int)frameLength, ByteOrder.BIG_ENDIAN);
        buffer.putShort(4, (short)encodingType, ByteOrder.BIG_ENDIAN);
        return buffer.byteArray();
    }

    static byte[] concat(final byte[]... frames)
    {
        int length = 0;
        for (final byte[] frame : frames)
        {
            length += frame.length;
        }
        final byte[] all = new byte[length];
        int offset = 0;
        for (final byte[] frame : frames)
        {
            System.arraycopy(frame, 0, all, offset, frame.length);
            offset += frame.length;
        }
        return all;
    }

    private static byte[] finish(final UnsafeBuffer buffer, final int messageLength)
    {
        FrameDescriptor.writeHeader(buffer, 0, messageLength);
        return Arrays.copyOf(buffer.byteArray(), messageLength + FrameDescriptor.HEADER_LENGTH);
    }
}
