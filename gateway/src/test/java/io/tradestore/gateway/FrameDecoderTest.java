package io.tradestore.gateway;

import io.tradestore.core.MessageValidator;
import io.tradestore.core.sbe.HeartbeatDecoder;
import io.tradestore.core.sbe.MessageHeaderDecoder;
import io.tradestore.core.sbe.NewOrderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameDecoderTest
{
    private static final int MAX = 4096;

    private final FrameDecoder decoder = new FrameDecoder(MAX);
    private final List<Integer> templates = new ArrayList<>();
    private final FrameHandler recorder = this::record;

    private int record(final DirectBuffer buffer, final int offset, final int length, final int templateId)
    {
        templates.add(templateId);
        return FrameHandler.CONTINUE;
    }

    static Stream<Arguments> brokenHeaders()
    {
        return Stream.of(
            Arguments.of("length 0", Frames.header(0, 0x5BE0), FrameDecoder.FRAME_TOO_SHORT),
            Arguments.of("length below SOFH", Frames.header(5, 0x5BE0), FrameDecoder.FRAME_TOO_SHORT),
            Arguments.of("length below SOFH + SBE header", Frames.header(13, 0x5BE0), FrameDecoder.FRAME_TOO_SHORT),
            Arguments.of("max + 1", Frames.header(MAX + 1, 0x5BE0), FrameDecoder.FRAME_TOO_LONG),
            Arguments.of("2^31 - 1", Frames.header(Integer.MAX_VALUE, 0x5BE0), FrameDecoder.FRAME_TOO_LONG),
            Arguments.of("2^32 - 1", Frames.header(0xFFFF_FFFFL, 0x5BE0), FrameDecoder.FRAME_TOO_LONG),
            Arguments.of("wrong encoding type", Frames.header(30, 0x5BE1), FrameDecoder.BAD_ENCODING_TYPE),
            Arguments.of("big-endian SBE encoding type", Frames.header(30, 0xEB50), FrameDecoder.BAD_ENCODING_TYPE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenHeaders")
    void shouldRejectBrokenFrameHeaderAsSoonAsItsSixBytesArrive(final String name, final byte[] header, final int code)
    {
        assertEquals(code, decoder.decode(new UnsafeBuffer(header), 0, header.length, recorder), name);
        assertTrue(templates.isEmpty());
    }

    static Stream<Arguments> invalidMessages()
    {
        final int v = MessageHeaderDecoder.SCHEMA_VERSION;
        final int schema = MessageHeaderDecoder.SCHEMA_ID;
        final int block = NewOrderDecoder.BLOCK_LENGTH;
        return Stream.of(
            Arguments.of("unknown template", Frames.raw(block, 99, schema, v, block), MessageValidator.UNKNOWN_TEMPLATE),
            Arguments.of("wrong schema", Frames.raw(block, 2, schema + 1, v, block), MessageValidator.WRONG_SCHEMA),
            Arguments.of("future version", Frames.raw(block, 2, schema, v + 1, block), MessageValidator.UNSUPPORTED_VERSION),
            Arguments.of("version 0", Frames.raw(block, 2, schema, 0, block), MessageValidator.UNSUPPORTED_VERSION),
            Arguments.of("bad blockLength", Frames.raw(block - 1, 2, schema, v, block - 1), MessageValidator.BAD_BLOCK_LENGTH),
            Arguments.of("body longer than block", Frames.raw(block, 2, schema, v, block + 3), MessageValidator.BAD_LENGTH),
            Arguments.of("body shorter than block", Frames.raw(block, 2, schema, v, block - 8), MessageValidator.BAD_LENGTH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidMessages")
    void shouldPassWellFramedInvalidMessageWithItsValidationCode(final String name, final byte[] frame, final int code)
    {
        assertEquals(frame.length, decoder.decode(new UnsafeBuffer(frame), 0, frame.length, recorder), name);
        assertEquals(List.of(code), templates, name);
    }

    @Test
    void shouldAcceptFrameOfExactlyMaxLength()
    {
        final int bodyLength = MAX - FrameDescriptor.MIN_FRAME_LENGTH;
        final byte[] frame = Frames.raw(NewOrderDecoder.BLOCK_LENGTH, 2, MessageHeaderDecoder.SCHEMA_ID, 1, bodyLength);
        assertEquals(MAX, frame.length);
        assertEquals(MAX, decoder.decode(new UnsafeBuffer(frame), 0, frame.length, recorder));
        assertEquals(List.of(MessageValidator.BAD_LENGTH), templates);
    }

    @Test
    void shouldDecodeOneFrameFedOneByteAtATime()
    {
        final byte[] frame = Frames.newOrder(7, 1, 1, 1, 100, 10);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[frame.length]);
        for (int available = 1; available <= frame.length; available++)
        {
            buffer.putByte(available - 1, frame[available - 1]);
            final int consumed = decoder.decode(buffer, 0, available, recorder);
            if (available < frame.length)
            {
                assertEquals(0, consumed, "partial frame of " + available + " bytes");
                assertTrue(templates.isEmpty());
            }
            else
            {
                assertEquals(frame.length, consumed);
            }
        }
        assertEquals(List.of(NewOrderDecoder.TEMPLATE_ID), templates);
    }

    @Test
    void shouldDecodeSeveralFramesInOneReadAndLeaveTrailingPartial()
    {
        final byte[] a = Frames.newOrder(1, 1, 1, 1, 100, 10);
        final byte[] b = Frames.heartbeat();
        final byte[] c = Frames.newOrder(2, 2, 1, 1, 100, 10);
        final byte[] all = Frames.concat(a, b, c);
        final int available = all.length - 3;
        assertEquals(a.length + b.length, decoder.decode(new UnsafeBuffer(all), 0, available, recorder));
        assertEquals(List.of(NewOrderDecoder.TEMPLATE_ID, HeartbeatDecoder.TEMPLATE_ID), templates);
    }

    @Test
    void shouldDeliverGoodFramesBeforeReportingBrokenOne()
    {
        final byte[] good = Frames.heartbeat();
        final byte[] all = Frames.concat(good, Frames.header(0, 0x5BE0));
        final UnsafeBuffer buffer = new UnsafeBuffer(all);
        assertEquals(good.length, decoder.decode(buffer, 0, all.length, recorder));
        assertEquals(FrameDecoder.FRAME_TOO_SHORT, decoder.decode(buffer, good.length, all.length - good.length, recorder));
        assertEquals(List.of(HeartbeatDecoder.TEMPLATE_ID), templates);
    }

    @Test
    void shouldStopWithoutConsumingWhenHandlerAborts()
    {
        final byte[] all = Frames.concat(Frames.heartbeat(), Frames.heartbeat());
        final int consumed = decoder.decode(new UnsafeBuffer(all), 0, all.length,
            (buffer, offset, length, templateId) -> FrameHandler.ABORT);
        assertEquals(0, consumed);
    }

    @Test
    void shouldStopAfterConsumingWhenHandlerBreaks()
    {
        final byte[] one = Frames.heartbeat();
        final byte[] all = Frames.concat(one, Frames.heartbeat());
        final int consumed = decoder.decode(new UnsafeBuffer(all), 0, all.length,
            (buffer, offset, length, templateId) -> FrameHandler.BREAK);
        assertEquals(one.length, consumed);
    }
}
