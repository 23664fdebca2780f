package io.tradestore.journal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

import static io.tradestore.journal.JournalDescriptor.CRC_OFFSET;
import static io.tradestore.journal.JournalDescriptor.HEADER_LENGTH;
import static io.tradestore.journal.JournalDescriptor.LENGTH_OFFSET;
import static io.tradestore.journal.JournalDescriptor.MAX_MESSAGE_LENGTH;
import static io.tradestore.journal.JournalDescriptor.SEQUENCE_OFFSET;
import static io.tradestore.journal.JournalDescriptor.TIMESTAMP_OFFSET;

/**
 * Builds and checks entries in a private direct scratch buffer so the JDK's CRC32C intrinsic can run over them
 * without allocation or reflection: {@link CRC32C#update(ByteBuffer)} on a direct buffer goes straight to the
 * intrinsic. Copying a small entry costs a few ns. One instance per thread.
 */
final class EntryChecksum
{
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer byteBuffer =
        ByteBuffer.allocateDirect(HEADER_LENGTH + MAX_MESSAGE_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer scratch = new UnsafeBuffer(byteBuffer);
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);

    /**
     * Lay out a complete entry in the scratch buffer.
     *
     * @return the entry length.
     */
    int encode(final long sequence, final long timestampNs, final DirectBuffer buffer, final int offset, final int length)
    {
        final UnsafeBuffer scratch = this.scratch;
        scratch.putLong(SEQUENCE_OFFSET, sequence);
        scratch.putLong(TIMESTAMP_OFFSET, timestampNs);
        scratch.putInt(LENGTH_OFFSET, length);
        scratch.putBytes(HEADER_LENGTH, buffer, offset, length);
        scratch.putInt(CRC_OFFSET, compute(length));
        return HEADER_LENGTH + length;
    }

    /** @return address of the scratch buffer, where {@link #encode} put the entry. */
    long address()
    {
        return scratch.addressOffset();
    }

    /**
     * Verify the CRC of a complete entry of message length {@code length} held at {@code address}.
     *
     * @return true when the stored CRC matches.
     */
    boolean verify(final long address, final int length)
    {
        final UnsafeBuffer scratch = this.scratch;
        scratch.putBytes(0, wrapView(address, HEADER_LENGTH + length), 0, HEADER_LENGTH + length);
        return scratch.getInt(CRC_OFFSET) == compute(length);
    }

    private UnsafeBuffer wrapView(final long address, final int length)
    {
        view.wrap(address, length);
        return view;
    }

    private int compute(final int length)
    {
        final CRC32C crc = this.crc;
        final ByteBuffer byteBuffer = this.byteBuffer;
        crc.reset();
        byteBuffer.limit(CRC_OFFSET).position(SEQUENCE_OFFSET);
        crc.update(byteBuffer);
        byteBuffer.limit(HEADER_LENGTH + length).position(HEADER_LENGTH);
        crc.update(byteBuffer);
        return (int)crc.getValue();
    }
}
