package io.tradestore.journal;

import io.tradestore.core.MarketDataRecord;
import io.tradestore.core.MarketDataStore;
import io.tradestore.core.OrderRecord;
import io.tradestore.core.OrderStore;
import io.tradestore.core.PositionRecord;
import io.tradestore.core.PositionStore;
import io.tradestore.core.StateDigest;
import io.tradestore.core.StoreException;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static io.tradestore.journal.SnapshotDescriptor.*;

/**
 * Writes, lists, loads and prunes snapshot files (layout in {@link SnapshotDescriptor}). Runs on the snapshot
 * thread or during recovery; allocates freely.
 */
final class SnapshotFile
{
    private static final int CHUNK_LENGTH = 1024 * 1024;

    private SnapshotFile()
    {
    }

    /** A snapshot found on disk. */
    static final class Entry
    {
        final File file;
        final long sequence;

        Entry(final File file, final long sequence)
        {
            this.file = file;
            this.sequence = sequence;
        }
    }

    /** Header fields of a loaded snapshot. */
    static final class Loaded
    {
        final long sequence;
        final long timestampNs;
        final long digest;

        Loaded(final long sequence, final long timestampNs, final long digest)
        {
            this.sequence = sequence;
            this.timestampNs = timestampNs;
            this.digest = digest;
        }
    }

    /** @return snapshot files in the directory, newest (highest sequence) first. */
    static List<Entry> list(final File directory)
    {
        final List<Entry> entries = new ArrayList<>();
        final File[] files = directory.listFiles();
        if (files != null)
        {
            for (final File file : files)
            {
                final long sequence = sequenceOf(file.getName());
                if (sequence >= 0 && file.isFile())
                {
                    entries.add(new Entry(file, sequence));
                }
            }
        }
        entries.sort((a, b) -> Long.compare(b.sequence, a.sequence));
        return entries;
    }

    /**
     * Read just the header of a snapshot file (64 bytes; the body is not read or checked).
     *
     * @return {sequence, digest}, or null when the file is too short or its header fails magic, version or CRC.
     */
    static long[] readHeader(final File file)
    {
        if (!file.isFile() || file.length() < HEADER_LENGTH)
        {
            return null;
        }
        final byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(file.toPath()))
        {
            bytes = in.readNBytes(HEADER_LENGTH);
        }
        catch (final IOException ex)
        {
            return null;
        }
        if (bytes.length != HEADER_LENGTH)
        {
            return null;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        if (buffer.getLong(0) != MAGIC || buffer.getInt(VERSION_OFFSET) != VERSION ||
            buffer.getInt(HEADER_CRC_OFFSET) != FileSupport.crc32c(bytes, HEADER_CRC_OFFSET))
        {
            return null;
        }
        return new long[]{ buffer.getLong(SEQUENCE_OFFSET), buffer.getLong(DIGEST_OFFSET) };
    }

    /**
     * Write the state of the stores as of {@code sequence}: temp file, force, atomic rename, force directory.
     *
     * @return the snapshot file.
     */
    static File write(
        final File directory,
        final OrderStore orders,
        final PositionStore positions,
        final MarketDataStore marketData,
        final long sequence,
        final long timestampNs,
        final long digest)
    {
        final File file = new File(directory, fileName(sequence));
        final File temp = new File(directory, fileName(sequence) + ".tmp");
        try (FileChannel channel = FileChannel.open(temp.toPath(),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
        {
            final Chunker out = new Chunker(channel);
            channel.position(HEADER_LENGTH);
            final long[] counts = new long[3];
            orders.forEach((order) ->
            {
                final UnsafeBuffer buffer = out.reserve(ORDER_LENGTH);
                final int o = out.offset;
                buffer.putLong(o, order.orderId);
                buffer.putLong(o + 8, order.accountId);
                buffer.putInt(o + 16, order.instrumentId);
                buffer.putByte(o + 20, order.side);
                buffer.putByte(o + 21, order.status);
                buffer.putLong(o + 24, order.price);
                buffer.putLong(o + 32, order.quantity);
                buffer.putLong(o + 40, order.filledQuantity);
                buffer.putLong(o + 48, order.createdSequence);
                buffer.putLong(o + 56, order.lastSequence);
                counts[0]++;
            });
            positions.forEach((position) ->
            {
                final UnsafeBuffer buffer = out.reserve(POSITION_LENGTH);
                final int o = out.offset;
                buffer.putLong(o, position.accountId);
                buffer.putInt(o + 8, position.instrumentId);
                buffer.putLong(o + 16, position.netQuantity);
                buffer.putLong(o + 24, position.buyQuantity);
                buffer.putLong(o + 32, position.sellQuantity);
                buffer.putLong(o + 40, position.buyNotional);
                buffer.putLong(o + 48, position.sellNotional);
                buffer.putLong(o + 56, position.openCost);
                buffer.putLong(o + 64, position.realizedPnl);
                counts[1]++;
            });
            final MarketDataRecord md = new MarketDataRecord();
            for (int i = 1; i <= marketData.instrumentCapacity(); i++)
            {
                if (marketData.read(i, md))
                {
                    final UnsafeBuffer buffer = out.reserve(MARKET_DATA_LENGTH);
                    final int o = out.offset;
                    buffer.putInt(o, md.instrumentId);
                    buffer.putLong(o + 8, md.bidPrice);
                    buffer.putLong(o + 16, md.bidQuantity);
                    buffer.putLong(o + 24, md.askPrice);
                    buffer.putLong(o + 32, md.askQuantity);
                    buffer.putLong(o + 40, md.lastPrice);
                    buffer.putLong(o + 48, md.lastQuantity);
                    buffer.putLong(o + 56, md.updateCount);
                    buffer.putLong(o + 64, md.timestampNs);
                    counts[2]++;
                }
            }
            out.flush();

            final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            final UnsafeBuffer h = new UnsafeBuffer(header);
            h.putLong(0, MAGIC);
            h.putInt(VERSION_OFFSET, VERSION);
            h.putInt(MARKET_DATA_COUNT_OFFSET, (int)counts[2]);
            h.putLong(SEQUENCE_OFFSET, sequence);
            h.putLong(TIMESTAMP_OFFSET, timestampNs);
            h.putLong(DIGEST_OFFSET, digest);
            h.putLong(ORDER_COUNT_OFFSET, counts[0]);
            h.putLong(POSITION_COUNT_OFFSET, counts[1]);
            h.putInt(BODY_CRC_OFFSET, (int)out.crc.getValue());
            h.putInt(HEADER_CRC_OFFSET, FileSupport.crc32c(header.array(), HEADER_CRC_OFFSET));
            channel.position(0);
            while (header.hasRemaining())
            {
                channel.write(header);
            }
            channel.force(true);
        }
        catch (final IOException ex)
        {
            FileSupport.deleteFile(temp);
            throw new StoreException("cannot write snapshot " + file + ": " + ex.getMessage(), ex);
        }
        try
        {
            Files.move(temp.toPath(), file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new StoreException("cannot rename snapshot " + temp + ": " + ex.getMessage(), ex);
        }
        FileSupport.forceDirectory(directory);
        return file;
    }

    /**
     * Load a snapshot into empty stores and check it: header CRC, body CRC, record counts, then the digest of
     * the loaded stores against the recorded one.
     *
     * @return its header fields.
     * @throws StoreException naming the file and the failed check.
     */
    static Loaded load(
        final File file, final OrderStore orders, final PositionStore positions, final MarketDataStore marketData)
    {
        return read(file, orders, positions, marketData, true);
    }

    /**
     * Run every check of {@link #load} that does not need the loaded state (header CRC, counts, body CRC,
     * capacities, instrument range) without writing to the stores.
     *
     * @throws StoreException naming the file and the failed check.
     */
    static void verify(
        final File file, final OrderStore orders, final PositionStore positions, final MarketDataStore marketData)
    {
        read(file, orders, positions, marketData, false);
    }

    private static Loaded read(
        final File file,
        final OrderStore orders,
        final PositionStore positions,
        final MarketDataStore marketData,
        final boolean populate)
    {
        final long fileLength = file.length();
        if (fileLength < HEADER_LENGTH || fileLength > Integer.MAX_VALUE)
        {
            throw new StoreException("snapshot " + file + " has unusable length " + fileLength);
        }
        MappedByteBuffer mapped = null;
        try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.READ))
        {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, fileLength);
            mapped.order(ByteOrder.LITTLE_ENDIAN);
            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            final CRC32C crc = new CRC32C();
            mapped.limit(HEADER_CRC_OFFSET).position(0);
            crc.update(mapped);
            if (buffer.getLong(0) != MAGIC || buffer.getInt(VERSION_OFFSET) != VERSION ||
                buffer.getInt(HEADER_CRC_OFFSET) != (int)crc.getValue())
            {
                throw new StoreException("snapshot " + file + " has a bad header");
            }
            final long sequence = buffer.getLong(SEQUENCE_OFFSET);
            final long orderCount = buffer.getLong(ORDER_COUNT_OFFSET);
            final long positionCount = buffer.getLong(POSITION_COUNT_OFFSET);
            final int marketDataCount = buffer.getInt(MARKET_DATA_COUNT_OFFSET);
            final long bodyLength = orderCount * ORDER_LENGTH + positionCount * POSITION_LENGTH +
                (long)marketDataCount * MARKET_DATA_LENGTH;
            if (orderCount < 0 || positionCount < 0 || marketDataCount < 0 || HEADER_LENGTH + bodyLength != fileLength)
            {
                throw new StoreException("snapshot " + file + " has inconsistent counts");
            }
            crc.reset();
            mapped.limit((int)fileLength).position(HEADER_LENGTH);
            crc.update(mapped);
            if (buffer.getInt(BODY_CRC_OFFSET) != (int)crc.getValue())
            {
                throw new StoreException("snapshot " + file + " fails its body CRC");
            }
            if (orderCount > orders.capacity() || positionCount > positions.capacity())
            {
                throw new StoreException("snapshot " + file + " holds more orders or positions than configured");
            }
            final int marketDataStart = (int)(HEADER_LENGTH + orderCount * ORDER_LENGTH +
                positionCount * POSITION_LENGTH);
            for (int i = 0; i < marketDataCount; i++)
            {
                final int instrumentId = buffer.getInt(marketDataStart + i * MARKET_DATA_LENGTH);
                if (!marketData.isValidInstrument(instrumentId))
                {
                    throw new StoreException("snapshot " + file + " holds instrument " + instrumentId +
                        " beyond the configured capacity");
                }
            }
            if (!populate)
            {
                return null;
            }

            int o = HEADER_LENGTH;
            final OrderRecord order = new OrderRecord();
            for (long i = 0; i < orderCount; i++, o += ORDER_LENGTH)
            {
                order.orderId = buffer.getLong(o);
                order.accountId = buffer.getLong(o + 8);
                order.instrumentId = buffer.getInt(o + 16);
                order.side = buffer.getByte(o + 20);
                order.status = buffer.getByte(o + 21);
                order.price = buffer.getLong(o + 24);
                order.quantity = buffer.getLong(o + 32);
                order.filledQuantity = buffer.getLong(o + 40);
                order.createdSequence = buffer.getLong(o + 48);
                order.lastSequence = buffer.getLong(o + 56);
                orders.put(order);
            }
            final PositionRecord position = new PositionRecord();
            for (long i = 0; i < positionCount; i++, o += POSITION_LENGTH)
            {
                position.accountId = buffer.getLong(o);
                position.instrumentId = buffer.getInt(o + 8);
                position.netQuantity = buffer.getLong(o + 16);
                position.buyQuantity = buffer.getLong(o + 24);
                position.sellQuantity = buffer.getLong(o + 32);
                position.buyNotional = buffer.getLong(o + 40);
                position.sellNotional = buffer.getLong(o + 48);
                position.openCost = buffer.getLong(o + 56);
                position.realizedPnl = buffer.getLong(o + 64);
                positions.put(position);
            }
            final MarketDataRecord md = new MarketDataRecord();
            for (int i = 0; i < marketDataCount; i++, o += MARKET_DATA_LENGTH)
            {
                md.instrumentId = buffer.getInt(o);
                md.bidPrice = buffer.getLong(o + 8);
                md.bidQuantity = buffer.getLong(o + 16);
                md.askPrice = buffer.getLong(o + 24);
                md.askQuantity = buffer.getLong(o + 32);
                md.lastPrice = buffer.getLong(o + 40);
                md.lastQuantity = buffer.getLong(o + 48);
                md.updateCount = buffer.getLong(o + 56);
                md.timestampNs = buffer.getLong(o + 64);
                marketData.put(md);
            }

            final long digest = buffer.getLong(DIGEST_OFFSET);
            final long loadedDigest = StateDigest.of(orders, positions, marketData);
            if (loadedDigest != digest)
            {
                throw new StoreException("snapshot " + file + " loads to digest " + Long.toHexString(loadedDigest) +
                    " but recorded " + Long.toHexString(digest));
            }
            return new Loaded(sequence, buffer.getLong(TIMESTAMP_OFFSET), digest);
        }
        catch (final IOException ex)
        {
            throw new StoreException("cannot read snapshot " + file + ": " + ex.getMessage(), ex);
        }
        finally
        {
            if (mapped != null)
            {
                IoUtil.unmap(mapped);
            }
        }
    }

    /** Delete all but the newest {@code keep} snapshots; also removes stale temp files. */
    static void prune(final File directory, final int keep)
    {
        final List<Entry> entries = list(directory);
        for (int i = keep; i < entries.size(); i++)
        {
            FileSupport.deleteFile(entries.get(i).file);
        }
        final File[] files = directory.listFiles();
        if (files != null)
        {
            for (final File file : files)
            {
                if (file.getName().startsWith(PREFIX) && file.getName().endsWith(".tmp"))
                {
                    FileSupport.deleteFile(file);
                }
            }
        }
    }

    /** Buffers records in a direct chunk, CRCs and writes each full chunk. */
    private static final class Chunker
    {
        final FileChannel channel;
        final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        final UnsafeBuffer buffer = new UnsafeBuffer(chunk);
        final CRC32C crc = new CRC32C();
        int offset;
        int used;

        Chunker(final FileChannel channel)
        {
            this.channel = channel;
        }

        UnsafeBuffer reserve(final int length)
        {
            if (used + length > CHUNK_LENGTH)
            {
                flush();
            }
            offset = used;
            used += length;
            return buffer;
        }

        void flush()
        {
            try
            {
                chunk.limit(used).position(0);
                crc.update(chunk);
                chunk.limit(used).position(0);
                while (chunk.hasRemaining())
                {
                    channel.write(chunk);
                }
                used = 0;
            }
            catch (final IOException ex)
            {
                throw new StoreException("snapshot write failed: " + ex.getMessage(), ex);
            }
        }
    }
}
