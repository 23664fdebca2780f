package io.tradestore.journal;

import io.tradestore.core.StateDigest;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a child JVM that ingests a seeded stream with SIGKILL at random points (default 20; more with
 * {@code -Dtradestore.crash.kills=N}, e.g. in the soak run) and at labelled points: half an entry written,
 * journaled but not applied, and during a roll to a new cycle file (the labelled runs use a one-second roll cycle). After every restart: no
 * acknowledged event lost, the journal is an exact prefix of what was sent, the recovered state's digest equals
 * the independent oracle's digest of that prefix, and numbering continues contiguously.
 */
class CrashTest
{
    @TempDir
    File dir;

    private String valuesClassPath;

    @Test
    void shouldLoseNoAcknowledgedEventAcrossRandomKills() throws Exception
    {
        final long seed = Long.getLong("tradestore.crash.seed", System.nanoTime());
        final int kills = Integer.getInteger("tradestore.crash.kills",
            Boolean.getBoolean("tradestore.soak") ? 200 : 20);
        System.out.println("CrashTest seed=" + seed + " kills=" + kills);
        final Random random = new Random(seed);
        final File data = new File(dir, "data");
        final long streamSeed = random.nextLong();

        try (TestSupport.Oracle oracle = new TestSupport.Oracle(streamSeed);
            PrefixChecker prefix = new PrefixChecker(streamSeed))
        {
            long lastAcked = 0;
            for (int round = 0; round < kills; round++)
            {
                final Process child = start(data, streamSeed, "run", 0);
                final AtomicLong acked = new AtomicLong(-1);
                final BufferedReader reader = reader(child);
                final String open = reader.readLine();
                assertTrue(open != null && open.startsWith("OPEN "), "child did not open: " + open);
                final long recovered = checkOpen(open, lastAcked, oracle, "round " + round + " seed " + seed);
                prefix.checkUpTo(data, recovered);

                final Thread pump = new Thread(() -> pumpAcks(reader, acked));
                pump.start();
                final long delayMs = 20 + random.nextInt(400);
                child.waitFor(delayMs, TimeUnit.MILLISECONDS);
                child.destroyForcibly().waitFor();
                pump.join();
                lastAcked = Math.max(lastAcked, acked.get());
            }


            final long recovered = finalCheck(TestSupport.config(data), lastAcked, oracle, prefix);
            System.out.println("CrashTest: " + kills + " kills, " + recovered + " events, last acked " + lastAcked);
        }
    }

    @Test
    void shouldRecoverFromLabelledCrashPoints() throws Exception
    {
        final long streamSeed = 99;
        final File data = new File(dir, "data");
        try (TestSupport.Oracle oracle = new TestSupport.Oracle(streamSeed);
            PrefixChecker prefix = new PrefixChecker(streamSeed))
        {
            long lastAcked = 0;
            long stopAt = 5_000;
            final JournalConfig config = TestSupport.config(data).rollCycle(CrashChild.LABELLED_ROLL_CYCLE);
            for (final String label :
                new String[]{ "during-roll", "mid-entry", "journaled-not-applied", "during-roll", "mid-entry" })
            {
                final Process child = start(data, streamSeed, label, stopAt);
                final BufferedReader reader = reader(child);
                final String open = reader.readLine();
                checkOpen(open, lastAcked, oracle, label);
                String line;
                while ((line = reader.readLine()) != null && !line.startsWith("AT "))
                {
                    if (line.startsWith("ACK "))
                    {
                        lastAcked = Long.parseLong(line.substring(4));
                    }
                }
                assertEquals("AT " + label + " " + stopAt, line);
                child.destroyForcibly().waitFor();
                lastAcked = Math.max(lastAcked, stopAt - 1);
                if ("during-roll".equals(label))
                {
                    assertTornRoll(new File(data, "journal"), stopAt - 1);
                }
                final long recovered = finalCheck(config, lastAcked, oracle, prefix);
                assertEquals("journaled-not-applied".equals(label) ? stopAt : stopAt - 1, recovered, label);
                stopAt = recovered + 3_000;
            }
        }
    }

    /**
     * The kill left a roll half done: the newest cycle file exists but holds no readable entry, and the last complete
     * entry (the last one acknowledged) is in an older cycle. This is the state recovery must find its way past.
     */
    private static void assertTornRoll(final File journal, final long lastComplete)
    {
        try (JournalReader reader = JournalReader.open(journal))
        {
            final SingleChronicleQueue queue = reader.queue();
            final int lastEntryCycle = queue.rollCycle().toCycle(reader.lastEntryIndex());
            assertTrue(queue.lastCycle() > lastEntryCycle, "the newest cycle " + queue.lastCycle() +
                " holds a readable entry (last entry in cycle " + lastEntryCycle + "): the kill was not mid-roll");
            assertEquals(lastComplete, reader.lastSequence());
        }
    }

    private static long checkOpen(
        final String open, final long lastAcked, final TestSupport.Oracle oracle, final String context)
    {
        final String[] parts = open.split(" ", 4);
        final long recovered = Long.parseLong(parts[1]);
        final long digest = Long.parseLong(parts[2]);
        assertTrue(recovered >= lastAcked, context + ": acknowledged " + lastAcked + " but recovered " + recovered +
            " (" + parts[3] + ")");
        assertEquals(oracle.digestAt(recovered), digest, context + ": digest of recovered prefix 1.." + recovered);
        return recovered;
    }

    private static long finalCheck(
        final JournalConfig config, final long lastAcked, final TestSupport.Oracle oracle, final PrefixChecker prefix)
    {
        final File data = config.dataDirectory();
        try (StoreEngine engine = StoreEngine.open(config))
        {
            final long recovered = engine.recoveryReport().lastSequence();
            assertTrue(recovered >= lastAcked, "acknowledged " + lastAcked + " but recovered " + recovered);
            assertEquals(oracle.digestAt(recovered),
                StateDigest.of(engine.orders(), engine.positions(), engine.marketData()));
            assertEquals(recovered + 1, engine.nextSequence());
            prefix.checkUpTo(data, recovered);
            return recovered;
        }
    }

    private Process start(final File data, final long seed, final String mode, final long stopAt)
        throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + "/bin/java");
        command.addAll(Arrays.asList(System.getProperty("tradestore.jvm.flags", "").trim().split("\\s+")));
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", valuesClassPath() + System.getProperty("java.class.path"),
            CrashChild.class.getName(), data.getPath(), Long.toString(seed), mode, Long.toString(stopAt)));
        command.removeIf(String::isEmpty);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private String valuesClassPath()
    {
        if (valuesClassPath == null)
        {
            valuesClassPath = PrecompiledValues.classPathFor(new File(dir, "values"));
        }
        return valuesClassPath;
    }

    private static BufferedReader reader(final Process child)
    {
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void pumpAcks(final BufferedReader reader, final AtomicLong acked)
    {
        try
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                if (line.startsWith("ACK "))
                {
                    acked.set(Long.parseLong(line.substring(4)));
                }
            }
        }
        catch (final java.io.IOException ignore)
        {
            // the child was killed mid-line
        }
    }

    /** Reads the journal read-only and compares every entry with what the generator sent at that sequence. */
    private static final class PrefixChecker implements AutoCloseable
    {
        private final EventGenerator generator;
        private final UnsafeBuffer expected = new UnsafeBuffer(new byte[256]);
        private long checked;

        PrefixChecker(final long seed)
        {
            generator = new EventGenerator(seed);
        }

        void checkUpTo(final File data, final long lastSequence)
        {
            if (lastSequence <= checked)
            {
                return;
            }
            try (JournalReader reader = JournalReader.open(new File(data, "journal")))
            {
                assertTrue(reader.seek(checked + 1));
                final JournalEntryHandler check = this::check;
                while (checked < lastSequence)
                {
                    if (reader.poll(check, (int)Math.min(65_536, lastSequence - checked)) == 0)
                    {
                        break;
                    }
                }
            }
            assertEquals(lastSequence, checked, "journal shorter than recovered state");
        }

        private void check(
            final long sequence, final long timestampNs, final DirectBuffer buffer, final int offset, final int length)
        {
            assertEquals(checked + 1, sequence);
            assertEquals(EventGenerator.timestampNs(sequence), timestampNs);
            final int expectedLength = generator.encode(sequence, expected, 0);
            assertEquals(expectedLength, length, "length at " + sequence);
            for (int i = 0; i < length; i++)
            {
                if (expected.getByte(i) != buffer.getByte(offset + i))
                {
                    throw new AssertionError("journal differs from what was sent at sequence " + sequence);
                }
            }
            checked = sequence;
        }

        @Override
        public void close()
        {
        }
    }
}
