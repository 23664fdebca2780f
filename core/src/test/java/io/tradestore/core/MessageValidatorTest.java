package io.tradestore.core;

import io.tradestore.core.sbe.CancelOrderEncoder;
import io.tradestore.core.sbe.LogonEncoder;
import io.tradestore.core.sbe.LogonResponseEncoder;
import io.tradestore.core.sbe.LogonStatus;
import io.tradestore.core.sbe.MessageHeaderEncoder;
import io.tradestore.core.sbe.NewOrderEncoder;
import io.tradestore.core.sbe.Side;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteOrder;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Table tests of {@link MessageValidator}: each case builds a message at a non-zero offset in a buffer (so reads
 * before or past the frame would show), optionally corrupts it, and states the frame length to validate.
 */
class MessageValidatorTest
{
    private static final int OFFSET = 16;
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int NEW_ORDER_LENGTH = HEADER + NewOrderEncoder.BLOCK_LENGTH;

    static Stream<Arguments> cases()
    {
        return Stream.of(
            row("valid NewOrder", MessageValidatorTest::newOrder, NewOrderEncoder.TEMPLATE_ID),
            row("valid CancelOrder", (b) -> cancelOrder(b), CancelOrderEncoder.TEMPLATE_ID),
            row("valid Logon with var data", (b) -> logon(b, "alice", "pw"), LogonEncoder.TEMPLATE_ID),
            row("valid Logon with empty var data", (b) -> logon(b, "", ""), LogonEncoder.TEMPLATE_ID),
            row("valid LogonResponse", MessageValidatorTest::logonResponse, LogonResponseEncoder.TEMPLATE_ID),
            row("empty frame", (b) -> 0, MessageValidator.TOO_SHORT),
            row("shorter than the header", (b) -> newOrder(b) - NEW_ORDER_LENGTH + HEADER - 1, MessageValidator.TOO_SHORT),
            row("header only", (b) -> HEADER + 0 * newOrder(b), MessageValidator.BAD_LENGTH),
            row("wrong schema id", (b) -> withShort(b, newOrder(b), 4, 7002), MessageValidator.WRONG_SCHEMA),
            row("version 0", (b) -> withShort(b, newOrder(b), 6, 0), MessageValidator.UNSUPPORTED_VERSION),
            row("future version", (b) -> withShort(b, newOrder(b), 6, 2), MessageValidator.UNSUPPORTED_VERSION),
            row("version 65535", (b) -> withShort(b, newOrder(b), 6, 0xFFFF), MessageValidator.UNSUPPORTED_VERSION),
            row("template 0", (b) -> withShort(b, newOrder(b), 2, 0), MessageValidator.UNKNOWN_TEMPLATE),
            row("unknown template", (b) -> withShort(b, newOrder(b), 2, 99), MessageValidator.UNKNOWN_TEMPLATE),
            row("block length too small", (b) -> withShort(b, newOrder(b), 0, NewOrderEncoder.BLOCK_LENGTH - 1),
                MessageValidator.BAD_BLOCK_LENGTH),
            row("block length too large", (b) -> withShort(b, newOrder(b), 0, 0xFFFF), MessageValidator.BAD_BLOCK_LENGTH),
            row("trailing byte", (b) -> newOrder(b) + 1, MessageValidator.BAD_LENGTH),
            row("truncated body", (b) -> newOrder(b) - 1, MessageValidator.BAD_LENGTH),
            row("Logon trailing bytes", (b) -> logon(b, "alice", "pw") + 3, MessageValidator.BAD_LENGTH),
            row("Logon missing second var header", (b) -> logon(b, "alice", "pw") - 2 - 4, MessageValidator.BAD_LENGTH),
            row("Logon var length overruns frame", (b) -> withInt(b, logon(b, "alice", "pw"), HEADER, 50),
                MessageValidator.BAD_LENGTH),
            row("Logon var length beyond 1024", (b) -> withInt(b, logon(b, "alice", "pw"), HEADER, 1025),
                MessageValidator.BAD_LENGTH),
            row("Logon var length 2^32 - 1", (b) -> withInt(b, logon(b, "alice", "pw"), HEADER, -1),
                MessageValidator.BAD_LENGTH),
            row("Logon var length shorter than data", (b) -> withInt(b, logon(b, "alice", "pw"), HEADER, 4),
                MessageValidator.BAD_LENGTH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldClassifyMessage(final String name, final ToIntFunction<MutableDirectBuffer> build, final int expected)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);
        final int length = build.applyAsInt(buffer);
        assertEquals(expected, MessageValidator.validate(buffer, OFFSET, length), name);
    }

    @Test
    void shouldRejectFrameExtendingPastBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + NEW_ORDER_LENGTH]);
        final int length = newOrder(buffer);
        assertEquals(NewOrderEncoder.TEMPLATE_ID, MessageValidator.validate(buffer, OFFSET, length));
        assertEquals(MessageValidator.TOO_SHORT, MessageValidator.validate(buffer, OFFSET, length + 1));
        assertEquals(MessageValidator.TOO_SHORT, MessageValidator.validate(buffer, -1, length));
    }

    @Test
    void shouldRejectFrameLengthWhoseEndOverflowsInt()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        logon(buffer);
        assertEquals(MessageValidator.TOO_SHORT, MessageValidator.validate(buffer, OFFSET, Integer.MAX_VALUE));
    }

    @Test
    void shouldDescribeEveryCode()
    {
        for (int code = MessageValidator.BAD_LENGTH; code <= MessageValidator.TOO_SHORT; code++)
        {
            final String description = MessageValidator.describe(code);
            assertFalse(description.isBlank());
            assertFalse(description.startsWith("invalid message ("), "code " + code + " has its own description");
        }
        assertEquals("valid", MessageValidator.describe(NewOrderEncoder.TEMPLATE_ID));
        assertTrue(MessageValidator.describe(-99).contains("-99"));
    }

    private static Arguments row(final String name, final ToIntFunction<MutableDirectBuffer> build, final int expected)
    {
        return Arguments.of(name, build, expected);
    }

    private static int newOrder(final MutableDirectBuffer buffer)
    {
        final NewOrderEncoder encoder = new NewOrderEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, new MessageHeaderEncoder())
            .correlationId(1).orderId(2).accountId(3).instrumentId(4).side(Side.BUY).price(5).quantity(6);
        return HEADER + encoder.encodedLength();
    }

    private static int cancelOrder(final MutableDirectBuffer buffer)
    {
        final CancelOrderEncoder encoder = new CancelOrderEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, new MessageHeaderEncoder())
            .correlationId(1).orderId(2).accountId(3);
        return HEADER + encoder.encodedLength();
    }

    private static int logon(final MutableDirectBuffer buffer)
    {
        return logon(buffer, "alice", "pw");
    }

    private static int logon(final MutableDirectBuffer buffer, final String username, final String password)
    {
        final LogonEncoder encoder = new LogonEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, new MessageHeaderEncoder())
            .username(username)
            .password(password);
        return HEADER + encoder.encodedLength();
    }

    private static int logonResponse(final MutableDirectBuffer buffer)
    {
        final LogonResponseEncoder encoder = new LogonResponseEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, new MessageHeaderEncoder())
            .status(LogonStatus.REJECTED)
            .reason("bad credentials");
        return HEADER + encoder.encodedLength();
    }

    private static int withShort(final MutableDirectBuffer buffer, final int length, final int headerOffset, final int value)
    {
        buffer.putShort(OFFSET + headerOffset, (short)value, ByteOrder.LITTLE_ENDIAN);
        return length;
    }

    private static int withInt(final MutableDirectBuffer buffer, final int length, final int messageOffset, final int value)
    {
        buffer.putInt(OFFSET + messageOffset + LogonEncoder.BLOCK_LENGTH, value, ByteOrder.LITTLE_ENDIAN);
        return length;
    }
}
