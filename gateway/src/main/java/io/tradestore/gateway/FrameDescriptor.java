package io.tradestore.gateway;

import io.tradestore.core.sbe.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Layout of one TCP frame: the FIX Simple Open Framing Header (SOFH) followed by one SBE message.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |        message length (big-endian, includes these 6 bytes)   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  encoding type 0x5BE0 (BE)    |  SBE message header (8 bytes, |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  little-endian) ...           |
 *  |  ... SBE body (blockLength bytes, then variable-length data)  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Encoding type {@code 0x5BE0} is "SBE 1.0, little-endian" in the SOFH registry. Stateless; any thread.
 */
public final class FrameDescriptor
{
    /** Length of the Simple Open Framing Header in bytes. */
    public static final int HEADER_LENGTH = 6;
    /** Offset of the big-endian uint32 message length, which includes the header. */
    public static final int LENGTH_OFFSET = 0;
    /** Offset of the big-endian uint16 encoding type. */
    public static final int ENCODING_TYPE_OFFSET = 4;
    /** SOFH encoding type of SBE 1.0 little-endian. */
    public static final int SBE_LITTLE_ENDIAN_ENCODING = 0x5BE0;
    /** Smallest legal frame: the SOFH plus an SBE message header. */
    public static final int MIN_FRAME_LENGTH = HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH;

    private FrameDescriptor()
    {
    }

    /**
     * Write a SOFH header in front of a message of {@code messageLength} bytes.
     *
     * @param buffer        to write into.
     * @param offset        of the header; the message starts at {@code offset + HEADER_LENGTH}.
     * @param messageLength length of the SBE message (header + body) in bytes.
     */
    public static void writeHeader(final MutableDirectBuffer buffer, final int offset, final int messageLength)
    {
        buffer.putInt(offset + LENGTH_OFFSET, messageLength + HEADER_LENGTH, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + ENCODING_TYPE_OFFSET, (short)SBE_LITTLE_ENDIAN_ENCODING, ByteOrder.BIG_ENDIAN);
    }
}
