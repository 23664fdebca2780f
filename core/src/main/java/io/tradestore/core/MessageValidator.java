package io.tradestore.core;

import io.tradestore.core.sbe.AckDecoder;
import io.tradestore.core.sbe.CancelOrderDecoder;
import io.tradestore.core.sbe.FillDecoder;
import io.tradestore.core.sbe.HeartbeatDecoder;
import io.tradestore.core.sbe.LogonDecoder;
import io.tradestore.core.sbe.LogonResponseDecoder;
import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.MessageHeaderDecoder;
import io.tradestore.core.sbe.NewOrderDecoder;
import io.tradestore.core.sbe.ReplaceOrderDecoder;
import io.tradestore.core.sbe.SubscribeDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Validates one SBE message held in {@code [offset, offset + length)} of a buffer before any decoder touches it.
 * <p>
 * Checks the header fits, the schema id, the version (no future versions), the template id, that the block
 * length is exactly the one this schema version defines and that the message, including any variable-length
 * data, ends exactly at the end of the frame. A message that passes can be decoded without reading past the
 * frame. Stateless and allocation-free; callable from any thread.
 */
public final class MessageValidator
{
    /** The message is shorter than the SBE header. */
    public static final int TOO_SHORT = -1;
    /** The schema id is not ours. */
    public static final int WRONG_SCHEMA = -2;
    /** The version is newer than this build understands (or zero). */
    public static final int UNSUPPORTED_VERSION = -3;
    /** The template id is not a message of the schema. */
    public static final int UNKNOWN_TEMPLATE = -4;
    /** The block length is not the one the schema defines. */
    public static final int BAD_BLOCK_LENGTH = -5;
    /** The frame length does not match the encoded message length (including variable-length data). */
    public static final int BAD_LENGTH = -6;

    /** Largest variable-length string accepted (username, password, reason). */
    public static final int MAX_VAR_STRING_LENGTH = 1024;

    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int VAR_HEADER_LENGTH = 4;

    private MessageValidator()
    {
    }

    /**
     * Validate the message in {@code [offset, offset + length)}.
     *
     * @param buffer holding the message.
     * @param offset of the SBE message header.
     * @param length of the message as given by the frame.
     * @return the template id (positive) when valid, otherwise one of the negative codes of this class.
     */
    public static int validate(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH || offset < 0 || (long)offset + length > buffer.capacity())
        {
            return TOO_SHORT;
        }

        final int blockLength = buffer.getShort(offset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int templateId = buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int schemaId = buffer.getShort(offset + 4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int version = buffer.getShort(offset + 6, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;

        if (schemaId != MessageHeaderDecoder.SCHEMA_ID)
        {
            return WRONG_SCHEMA;
        }
        if (version == 0 || version > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return UNSUPPORTED_VERSION;
        }

        final int expectedBlockLength = blockLength(templateId);
        if (expectedBlockLength < 0)
        {
            return UNKNOWN_TEMPLATE;
        }
        if (blockLength != expectedBlockLength)
        {
            return BAD_BLOCK_LENGTH;
        }

        final int bodyLength = length - HEADER_LENGTH;
        final int varDataCount = varDataCount(templateId);
        if (varDataCount == 0)
        {
            return bodyLength == blockLength ? templateId : BAD_LENGTH;
        }

        int position = blockLength;
        for (int i = 0; i < varDataCount; i++)
        {
            if (position + VAR_HEADER_LENGTH > bodyLength)
            {
                return BAD_LENGTH;
            }
            final long varLength = buffer.getInt(offset + HEADER_LENGTH + position, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
            if (varLength > MAX_VAR_STRING_LENGTH)
            {
                return BAD_LENGTH;
            }
            position += VAR_HEADER_LENGTH + (int)varLength;
        }

        return position == bodyLength ? templateId : BAD_LENGTH;
    }

    /**
     * Human-readable description of a negative validation code.
     *
     * @param code returned by {@link #validate(DirectBuffer, int, int)}.
     * @return a short reason suitable for a reject or disconnect.
     */
    public static String describe(final int code)
    {
        switch (code)
        {
            case TOO_SHORT: return "message shorter than the SBE header";
            case WRONG_SCHEMA: return "wrong SBE schema id";
            case UNSUPPORTED_VERSION: return "unsupported SBE schema version";
            case UNKNOWN_TEMPLATE: return "unknown SBE template id";
            case BAD_BLOCK_LENGTH: return "SBE block length does not match the schema";
            case BAD_LENGTH: return "frame length does not match the encoded message";
            default: return code > 0 ? "valid" : "invalid message (" + code + ")";
        }
    }

    static int blockLength(final int templateId)
    {
        switch (templateId)
        {
            case LogonDecoder.TEMPLATE_ID: return LogonDecoder.BLOCK_LENGTH;
            case NewOrderDecoder.TEMPLATE_ID: return NewOrderDecoder.BLOCK_LENGTH;
            case CancelOrderDecoder.TEMPLATE_ID: return CancelOrderDecoder.BLOCK_LENGTH;
            case ReplaceOrderDecoder.TEMPLATE_ID: return ReplaceOrderDecoder.BLOCK_LENGTH;
            case FillDecoder.TEMPLATE_ID: return FillDecoder.BLOCK_LENGTH;
            case MarketDataUpdateDecoder.TEMPLATE_ID: return MarketDataUpdateDecoder.BLOCK_LENGTH;
            case SubscribeDecoder.TEMPLATE_ID: return SubscribeDecoder.BLOCK_LENGTH;
            case HeartbeatDecoder.TEMPLATE_ID: return HeartbeatDecoder.BLOCK_LENGTH;
            case LogonResponseDecoder.TEMPLATE_ID: return LogonResponseDecoder.BLOCK_LENGTH;
            case AckDecoder.TEMPLATE_ID: return AckDecoder.BLOCK_LENGTH;
            default: return -1;
        }
    }

    private static int varDataCount(final int templateId)
    {
        switch (templateId)
        {
            case LogonDecoder.TEMPLATE_ID: return 2;
            case LogonResponseDecoder.TEMPLATE_ID: return 1;
            default: return 0;
        }
    }
}
