package io.tradestore.journal.tool;

import io.tradestore.core.test.ReferenceModel;
import io.tradestore.core.test.SessionGenerator;
import io.tradestore.journal.JournalConfig;
import io.tradestore.journal.SnapshotTestHooks;
import io.tradestore.journal.StoreCapacities;
import io.tradestore.journal.StoreEngine;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Shared fixture of the tool tests: a data directory written through a {@link StoreEngine} exactly as the
 * pipeline does (journal, apply, onApplied), fed by a seeded {@link SessionGenerator}, with the independent
 * {@link ReferenceModel}'s outcome of every event recorded; a tiny JSON-line parser; file hashing.
 */
final class ToolFixture
{
    static final long ORDER_CAPACITY = 50_000;
    static final long POSITION_CAPACITY = 2_000;
    static final int INSTRUMENT_CAPACITY = 32;
    static final long BASE_TIMESTAMP_NS = 1_767_225_600_000_000_000L;
    /** Events per journal document in {@link #write}; divides every snapshot interval the tests use. */
    static final int BATCH = 8;
    private static final Pattern FIELD = Pattern.compile("\"([A-Za-z]+)\":(\"[^\"]*\"|-?\\d+)");

    private ToolFixture()
    {
    }

    /** @return the store's capacities as the fixture creates it. */
    static StoreCapacities capacities()
    {
        return new StoreCapacities(ORDER_CAPACITY, POSITION_CAPACITY, INSTRUMENT_CAPACITY);
    }

    /** @return shared tool options over {@code data}, JSON output; capacities come from the data directory. */
    static ToolOptions json(final File data)
    {
        return new ToolOptions().data(data).format(OutputFormat.JSON);
    }

    static JournalConfig config(final File data)
    {
        return new JournalConfig().dataDirectory(data).orderCapacity(ORDER_CAPACITY)
            .positionCapacity(POSITION_CAPACITY).instrumentCapacity(INSTRUMENT_CAPACITY)
            .snapshotEveryEvents(0).snapshotEveryNs(0).minFreeDiskBytes(0);
    }

    static long timestampNs(final long sequence)
    {
        return BASE_TIMESTAMP_NS + sequence * 1_000;
    }

    static SessionGenerator generator(final long seed)
    {
        return new SessionGenerator(new SessionGenerator.Config().seed(seed).accounts(6).instruments(10)
            .invalidFraction(0.05));
    }

    static ReferenceModel model()
    {
        return new ReferenceModel(ORDER_CAPACITY, POSITION_CAPACITY, INSTRUMENT_CAPACITY);
    }

    /** Outcomes of a generated session, index = sequence. */
    static final class Session
    {
        final long seed;
        final int[] outcomes;

        Session(final long seed, final int events)
        {
            this.seed = seed;
            this.outcomes = new int[events + 1];
        }
    }

    /**
     * Write {@code events} generated events through an engine and close it cleanly.
     */
    static Session write(final File data, final long seed, final int events)
    {
        return write(data, seed, events, 0);
    }

    /**
     * Write {@code events} generated events through an engine, with a snapshot at every multiple of
     * {@code snapshotEvery} (none when 0, all kept), and close it cleanly.
     */
    static Session write(final File data, final long seed, final int events, final int snapshotEvery)
    {
        return write(data, seed, events, snapshotEvery, ORDER_CAPACITY);
    }

    /** As {@link #write(File, long, int, int)} with another order capacity (live store and reference model). */
    static Session write(
        final File data, final long seed, final int events, final int snapshotEvery, final long orderCapacity)
    {
        final Session session = new Session(seed, events);
        final SessionGenerator generator = generator(seed);
        final ReferenceModel model = new ReferenceModel(orderCapacity, POSITION_CAPACITY, INSTRUMENT_CAPACITY);
        final int slot = SessionGenerator.MAX_EVENT_LENGTH;
        final UnsafeBuffer batch = new UnsafeBuffer(new byte[BATCH * slot]);
        final int[] lengths = new int[BATCH];
        final JournalConfig base = config(data).orderCapacity(orderCapacity);
        final JournalConfig config = snapshotEvery == 0 ? base : SnapshotTestHooks.withoutSnapshotThread(
            base.snapshotEveryEvents(snapshotEvery).snapshotsToKeep(events / snapshotEvery + 1));
        try (StoreEngine engine = StoreEngine.open(config))
        {
            long first = engine.nextSequence();
            int pending = 0;
            for (long sequence = first; sequence <= events; sequence++)
            {
                final int length = generator.next(batch, pending * slot);
                if (engine.writer().append(sequence, timestampNs(sequence), batch, pending * slot, length) != 0)
                {
                    throw new IllegalStateException("journal refused " + sequence);
                }
                lengths[pending++] = length;
                if (sequence % BATCH != 0 && sequence != events)
                {
                    continue;
                }
                // as the pipeline ends a batch: one journal document, completed, then applied
                engine.writer().sync();
                for (int i = 0; i < pending; i++)
                {
                    final long applied = first + i;
                    engine.stateMachine().apply(batch, i * slot, lengths[i], applied, timestampNs(applied));
                    engine.onApplied(applied, timestampNs(applied));
                    session.outcomes[(int)applied] =
                        model.apply(batch, i * slot, lengths[i], applied, timestampNs(applied));
                    if (snapshotEvery != 0 && applied % snapshotEvery == 0)
                    {
                        SnapshotTestHooks.drive(engine);
                    }
                }
                first = sequence + 1;
                pending = 0;
            }
        }
        return session;
    }

    /** @return the reference model after events 1..sequence of the seeded session. */
    static ReferenceModel modelAt(final long seed, final long sequence)
    {
        final SessionGenerator generator = generator(seed);
        final ReferenceModel model = model();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SessionGenerator.MAX_EVENT_LENGTH]);
        for (long s = 1; s <= sequence; s++)
        {
            final int length = generator.next(buffer, 0);
            model.apply(buffer, 0, length, s, timestampNs(s));
        }
        return model;
    }

    /** Parse one flat JSON object line into field name -> raw value (strings without quotes). */
    static Map<String, String> parseJson(final String line)
    {
        if (!line.startsWith("{") || !line.endsWith("}"))
        {
            throw new AssertionError("not a JSON object: " + line);
        }
        final Map<String, String> fields = new TreeMap<>();
        final Matcher matcher = FIELD.matcher(line);
        int end = 1;
        while (matcher.find())
        {
            if (matcher.start() != end)
            {
                throw new AssertionError("unexpected text at " + end + " in " + line);
            }
            final String value = matcher.group(2);
            if (fields.put(matcher.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value)
                != null)
            {
                throw new AssertionError("duplicate field " + matcher.group(1) + " in " + line);
            }
            end = matcher.end() + 1;
        }
        if (end != line.length())
        {
            throw new AssertionError("unparsed JSON tail in " + line);
        }
        return fields;
    }

    /** Captures a tool's out and err. */
    static final class Run
    {
        final int exit;
        final String out;
        final String err;

        Run(final int exit, final String out, final String err)
        {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        List<String> lines()
        {
            final List<String> lines = new ArrayList<>();
            for (final String line : out.split("\n"))
            {
                if (!line.isEmpty())
                {
                    lines.add(line);
                }
            }
            return lines;
        }
    }

    interface Tool
    {
        int run(PrintStream out, PrintStream err);
    }

    static Run run(final Tool tool)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit;
        try (PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
            PrintStream e = new PrintStream(err, false, StandardCharsets.UTF_8))
        {
            exit = tool.run(o, e);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** @return path -> SHA-256 of every regular file under root, plus its length and last-modified time. */
    static Map<String, String> hashTree(final Path root) throws IOException
    {
        final Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : (Iterable<Path>)paths.filter(Files::isRegularFile)::iterator)
            {
                final MessageDigest digest = sha256();
                digest.update(Files.readAllBytes(path));
                final StringBuilder hex = new StringBuilder();
                for (final byte b : digest.digest())
                {
                    hex.append(String.format("%02x", b));
                }
                hashes.put(root.relativize(path).toString(),
                    hex + " " + Files.size(path) + " " + Files.getLastModifiedTime(path).toMillis());
            }
        }
        return hashes;
    }

    private static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final java.security.NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Flip one byte inside the SBE message of the entry carrying {@code sequence}, found by its header
     * (sequence, timestamp) in the journal's cycle files.
     */
    static void corruptEntry(final File data, final long sequence) throws IOException
    {
        final byte[] pattern = new byte[16];
        final UnsafeBuffer p = new UnsafeBuffer(pattern);
        p.putLong(0, sequence);
        p.putLong(8, timestampNs(sequence));
        final File[] files = new File(data, "journal").listFiles((dir, name) -> name.endsWith(".cq4"));
        for (final File file : files == null ? new File[0] : files)
        {
            try (RandomAccessFile raf = new RandomAccessFile(file, "rw"))
            {
                final int scan = (int)Math.min(raf.length(), 16 * 1024 * 1024);
                final byte[] bytes = new byte[scan];
                raf.readFully(bytes);
                for (int i = 0; i + pattern.length <= scan; i++)
                {
                    if (matches(bytes, i, pattern))
                    {
                        final int length = new UnsafeBuffer(bytes).getInt(i + 20);
                        final long at = length > 0 ? i + 24 + length / 2 : i + 16;
                        raf.seek(at);
                        raf.write(bytes[(int)at] ^ 0x5A);
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("entry " + sequence + " not found");
    }

    private static boolean matches(final byte[] bytes, final int at, final byte[] pattern)
    {
        for (int i = 0; i < pattern.length; i++)
        {
            if (bytes[at + i] != pattern[i])
            {
                return false;
            }
        }
        return true;
    }
}
