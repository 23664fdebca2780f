package io.tradestore.journal;

import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills during rolls, at random: a child JVM rolls to a new five-minute cycle every few entries (its clock jumps)
 * and is killed with SIGKILL after a random delay, so most kills land in or near a roll. A kill that leaves the
 * newest cycle file with only an incomplete first header used to make Chronicle's own end search
 * ({@code lastIndex()}, backward {@code toEnd()}) wind to the start of the queue, which reported sequence 1 as the
 * last entry and refused the store as missing acknowledged events. (The labelled "during-roll" point of
 * {@link CrashTest} kills one roll deliberately and checks recovery and continued ingest.)
 */
class TornRollTest
{
    private static final long SEED = 4242;
    private static final long ROLL_MS = TimeUnit.MINUTES.toMillis(5);
    private static final int ROLL_KILLS = Integer.getInteger("tradestore.roll.kills",
        Boolean.getBoolean("tradestore.soak") ? 60 : 6);
    private static final long ENTRIES_PER_CYCLE = 40;

    @TempDir
    File dir;

    /**
     * Random SIGKILLs of a child that rolls to a new cycle every {@link #ENTRIES_PER_CYCLE} entries (its clock
     * jumps five minutes each time), so most kills land in or near a roll: after each one, the last complete entry
     * found read-only must cover every acknowledged event and the journal must read back contiguously from 1; at
     * the end the store recovers exactly that prefix.
     */
    @Test
    void shouldFindTheLastEntryAfterKillsWhileRolling() throws Exception
    {
        final File data = new File(dir, "data");
        final File journal = new File(data, "journal");
        final Random random = new Random(SEED);
        long acked = 0;
        long last = 0;
        long nextCycleMs = (System.currentTimeMillis() / ROLL_MS + 1) * ROLL_MS;
        for (int kill = 0; kill < ROLL_KILLS; kill++)
        {
            final Process child = start(data, RollingChild.class, Long.toString(last + 1), Long.toString(nextCycleMs));
            final long[] childAcked = { acked };
            final CountDownLatch started = new CountDownLatch(1);
            final Thread pump = new Thread(() -> pumpAcks(child, childAcked, started));
            pump.start();
            assertTrue(started.await(30, TimeUnit.SECONDS), "kill " + kill + ": the child journaled nothing");
            child.waitFor(random.nextInt(40), TimeUnit.MILLISECONDS);
            child.destroyForcibly().waitFor();
            pump.join();
            acked = Math.max(acked, childAcked[0]);

            try (JournalReader reader = JournalReader.open(journal))
            {
                last = reader.lastSequence();
                nextCycleMs = (reader.queue().lastCycle() + 1L) * ROLL_MS;
            }
            assertTrue(last >= acked, "kill " + kill + ": acknowledged " + acked + " but the last entry is " + last);
            assertEquals(last, readAll(journal)[1], "kill " + kill + ": journal reads back to its last entry");
        }
        assertTrue(acked > 0, "the children journaled nothing");

        try (TestSupport.Oracle oracle = new TestSupport.Oracle(SEED);
            StoreEngine engine = StoreEngine.open(TestSupport.config(data).orderCapacity(4 * last + 1_000)))
        {
            assertEquals(last, engine.recoveryReport().lastSequence(), engine.recoveryReport().toString());
            assertEquals(oracle.digestAt(last), TestSupport.digest(engine));
        }
    }

    private static void pumpAcks(
        final Process child, final long[] acked, final CountDownLatch started)
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                if (line.startsWith("ACK "))
                {
                    acked[0] = Math.max(acked[0], Long.parseLong(line.substring(4)));
                    started.countDown();
                }
            }
        }
        catch (final java.io.IOException | NumberFormatException ignore)
        {
            // killed mid-line
        }
    }

    /** @return {entries read, last sequence read}; the reader checks CRC and contiguity of every entry. */
    private static long[] readAll(final File journal)
    {
        final long[] result = new long[2];
        try (JournalReader reader = JournalReader.open(journal))
        {
            final JournalEntryHandler counter = (sequence, timestampNs, buffer, offset, length) ->
            {
                result[0]++;
                result[1] = sequence;
            };
            while (reader.poll(counter, 1024) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return result;
    }

    private static Process start(final File data, final Class<?> main, final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + "/bin/java");
        command.addAll(Arrays.asList(System.getProperty("tradestore.jvm.flags", "").trim().split("\\s+")));
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
            main.getName(), data.getPath()));
        command.addAll(Arrays.asList(args));
        command.removeIf(String::isEmpty);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /**
     * Journals from sequence {@code args[1]} on, starting in the cycle at {@code args[2]} ms and moving its clock to
     * the next five-minute cycle every {@link #ENTRIES_PER_CYCLE} entries; prints {@code ACK n} after each batch
     * of up to five entries is completed; runs until killed.
     */
    public static final class RollingChild
    {
        private static volatile long clockMs;

        private RollingChild()
        {
        }

        public static void main(final String[] args)
        {
            final File journal = new File(new File(args[0]), "journal");
            final long first = Long.parseLong(args[1]);
            clockMs = Long.parseLong(args[2]);
            final PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
            final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(journal)
                .rollCycle(RollCycles.FIVE_MINUTELY)
                .timeoutMS(JournalQueue.WRITER_TIMEOUT_MS)
                .timeProvider(() -> clockMs)
                .build();
            final EventGenerator generator = new EventGenerator(SEED);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
            final JournalWriter writer = new JournalWriter(queue, DurabilityMode.ASYNC, first - 1,
                DiskSpaceMonitor.UNCHECKED);
            for (long sequence = first; ; sequence++)
            {
                final int length = generator.encode(sequence, buffer, 0);
                writer.append(sequence, EventGenerator.timestampNs(sequence), buffer, 0, length);
                final boolean endOfCycle = (sequence - first + 1) % ENTRIES_PER_CYCLE == 0;
                // batches of up to five entries, one document each: acknowledged once sync() has completed it
                if (sequence % 5 == 0 || endOfCycle)
                {
                    writer.sync();
                    out.println("ACK " + sequence);
                }
                if (endOfCycle)
                {
                    out.flush();
                    clockMs += ROLL_MS;
                }
            }
        }
    }
}
