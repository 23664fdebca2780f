package io.tradestore.gateway;

import io.tradestore.core.MessageValidator;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Splits a byte stream into SOFH frames (see {@link FrameDescriptor}) and validates the SBE message in each one
 * with {@link MessageValidator}, reading only within the frame.
 * <p>
 * A broken frame header (length below {@link FrameDescriptor#MIN_FRAME_LENGTH}, above the maximum, or a wrong
 * encoding type) cannot be resynchronised and is reported as soon as its 6 header bytes are present, without
 * waiting for the body: the connection must be closed. A well-framed but invalid message is passed to the
 * handler with its negative validation code so it can be rejected while the stream stays usable.
 * Stateless between calls, allocation-free; one instance per thread.
 */
public final class FrameDecoder
{
    /** The frame length is below the SOFH plus an SBE header (includes length 0). */
    public static final int FRAME_TOO_SHORT = -1;
    /** The frame length exceeds the configured maximum (includes lengths of 2^31 and above). */
    public static final int FRAME_TOO_LONG = -2;
    /** The encoding type is not {@link FrameDescriptor#SBE_LITTLE_ENDIAN_ENCODING}. */
    public static final int BAD_ENCODING_TYPE = -3;

    private final int maxFrameLength;

    /**
     * @param maxFrameLength largest accepted frame, SOFH included, in bytes.
     */
    public FrameDecoder(final int maxFrameLength)
    {
        if (maxFrameLength < FrameDescriptor.MIN_FRAME_LENGTH)
        {
            throw new IllegalArgumentException("maxFrameLength too small: " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
    }

    /**
     * @return the largest accepted frame, SOFH included, in bytes.
     */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * Decode the complete frames in {@code [offset, offset + length)}.
     *
     * @param buffer  holding received bytes.
     * @param offset  of the first unconsumed byte, which must be the start of a frame.
     * @param length  of the received bytes from {@code offset}.
     * @param handler called once per complete frame.
     * @return the number of bytes consumed (a trailing partial frame is left unconsumed), or one of the negative
     * codes of this class when the stream is broken at the first unconsumed frame.
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length, final FrameHandler handler)
    {
        int consumed = 0;
        while (length - consumed >= FrameDescriptor.HEADER_LENGTH)
        {
            final int frameOffset = offset + consumed;
            final long frameLength =
                buffer.getInt(frameOffset + FrameDescriptor.LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
            final int encodingType =
                buffer.getShort(frameOffset + FrameDescriptor.ENCODING_TYPE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;

            if (frameLength < FrameDescriptor.MIN_FRAME_LENGTH)
            {
                return consumed > 0 ? consumed : FRAME_TOO_SHORT;
            }
            if (frameLength > maxFrameLength)
            {
                return consumed > 0 ? consumed : FRAME_TOO_LONG;
            }
            if (encodingType != FrameDescriptor.SBE_LITTLE_ENDIAN_ENCODING)
            {
                return consumed > 0 ? consumed : BAD_ENCODING_TYPE;
            }
            if (frameLength > length - consumed)
            {
                break;
            }

            final int messageOffset = frameOffset + FrameDescriptor.HEADER_LENGTH;
            final int messageLength = (int)frameLength - FrameDescriptor.HEADER_LENGTH;
            final int templateId = MessageValidator.validate(buffer, messageOffset, messageLength);
            final int action = handler.onFrame(buffer, messageOffset, messageLength, templateId);
            if (FrameHandler.ABORT == action)
            {
                break;
            }
            consumed += (int)frameLength;
            if (FrameHandler.BREAK == action)
            {
                break;
            }
        }

        return consumed;
    }

    /**
     * @param code a negative result of {@link #decode(DirectBuffer, int, int, FrameHandler)}.
     * @return a short description for a disconnect reason.
     */
    public static String describe(final int code)
    {
        switch (code)
        {
            case FRAME_TOO_SHORT: return "frame length below the minimum";
            case FRAME_TOO_LONG: return "frame length above the maximum";
            case BAD_ENCODING_TYPE: return "SOFH encoding type is not 0x5BE0";
            default: return "frame error " + code;
        }
    }
}
