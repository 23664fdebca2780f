package io.tradestore.core;

import io.tradestore.core.test.SessionGenerator;
import io.tradestore.core.test.TestStores;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The apply path allocates nothing in steady state. A realistic mix of events (new orders, replaces, cancels,
 * partial and full fills, market data and 2% rejects) is encoded by {@link SessionGenerator} and applied through
 * {@link TradingStateMachine} in one loop, and the thread's own allocation counter
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}) is read around measured windows. The stores are
 * sized well above what the test inserts, so Chronicle Map never adds a segment tier (which allocates).
 * <p>
 * Two runs, because C2's speculation adds noise that is not the code's:
 * <ul>
 *   <li>In a child JVM limited to C1 ({@code -XX:TieredStopAtLevel=1}: no escape analysis hiding allocations, no
 *   speculative uncommon traps) the measured windows must show exactly 0 bytes. This is the proof that core,
 *   Chronicle Map's query contexts and the generator allocate nothing per event once every path has run once.
 *   (The same holds interpreted, {@code -Xint}, checked by hand; too slow for the unit run.)</li>
 *   <li>In this fully JIT-compiled JVM a window may show a few hundred bytes at rare moments. JFR
 *   ({@code -XX:-UseTLAB} with {@code jdk.ObjectAllocationOutsideTLAB}) places them exactly at
 *   {@code jdk.Deoptimization} events: a C2-compiled method hits an uncommon trap and the interpreter resolves
 *   what it needs for a path it never ran (a {@code String} and its {@code byte[]}). They are one-off and
 *   independent of the event count. The bound, {@value #JIT_BOUND_BYTES} bytes over {@value #MEASURED_EVENTS}
 *   events, is below one 16-byte object per 800 events, so any per-event or periodic allocation fails it.</li>
 * </ul>
 */
class AllocationTest
{
    private static final int WARM_UP_EVENTS = 300_000;
    private static final int MEASURED_EVENTS = 200_000;
    private static final int WINDOWS = 4;
    private static final long JIT_BOUND_BYTES = 4_096;

    private static final int C1_ONLY_WARM_UP_EVENTS = 100_000;
    private static final int C1_ONLY_MEASURED_EVENTS = 200_000;
    private static final String RESULT_PREFIX = "allocated-per-window=";

    @Test
    void shouldNotAllocatePerEventWhenJitCompiled()
    {
        final long[] windows = measure(WARM_UP_EVENTS, MEASURED_EVENTS, WINDOWS);
        final long total = Arrays.stream(windows).sum();
        System.out.printf("AllocationTest (JIT): %,d events after %,d warm-up: %,d bytes allocated on the apply " +
            "thread, per window of %,d events %s%n",
            MEASURED_EVENTS, WARM_UP_EVENTS, total, MEASURED_EVENTS / WINDOWS, Arrays.toString(windows));
        assertTrue(total <= JIT_BOUND_BYTES, "bytes allocated while applying " + MEASURED_EVENTS + " events: " +
            total + " " + Arrays.toString(windows));
    }

    @Test
    void shouldAllocateNothingInSteadyStateWithoutSpeculativeJit() throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        for (final String flag : System.getProperty("tradestore.jvm.flags", "").split(" "))
        {
            if (!flag.isBlank())
            {
                command.add(flag);
            }
        }
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Probe.class.getName());

        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "probe finished");
        assertEquals(0, process.exitValue(), output);

        final int at = output.indexOf(RESULT_PREFIX);
        assertTrue(at >= 0, output);
        final String[] values = output.substring(at + RESULT_PREFIX.length()).trim().split("\\s+")[0].split(",");
        System.out.printf("AllocationTest (C1 only): %,d events after %,d warm-up, bytes per window %s%n",
            C1_ONLY_MEASURED_EVENTS, C1_ONLY_WARM_UP_EVENTS, Arrays.toString(values));
        for (final String value : values)
        {
            assertEquals(0, Long.parseLong(value), "bytes allocated in a C1-only window: " + output);
        }
    }

    /**
     * Warm up, then measure the apply thread's allocated bytes over {@code windows} equal windows.
     */
    static long[] measure(final int warmUpEvents, final int measuredEvents, final int windows)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled())
        {
            throw new IllegalStateException("thread allocated memory is not measurable on this JVM");
        }

        final SessionGenerator generator = new SessionGenerator(new SessionGenerator.Config()
            .seed(20_260_101).accounts(32).instruments(64).invalidFraction(0.02));
        try (TestStores stores = TestStores.create(500_000, 32 * 64 * 4, 128))
        {
            final TradingStateMachine machine = stores.newStateMachine();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SessionGenerator.MAX_EVENT_LENGTH]);
            long sequence = run(generator, machine, buffer, 1, warmUpEvents);

            final long[] allocated = new long[windows];
            final long readCost = -threads.getThreadAllocatedBytes(threadId) + threads.getThreadAllocatedBytes(threadId);
            for (int w = 0; w < windows; w++)
            {
                final long start = threads.getThreadAllocatedBytes(threadId);
                sequence = run(generator, machine, buffer, sequence, measuredEvents / windows);
                allocated[w] = threads.getThreadAllocatedBytes(threadId) - start + readCost;
            }
            return allocated;
        }
    }

    private static long run(
        final SessionGenerator generator,
        final TradingStateMachine machine,
        final UnsafeBuffer buffer,
        final long firstSequence,
        final int events)
    {
        long sequence = firstSequence;
        for (int i = 0; i < events; i++)
        {
            final int length = generator.next(buffer, 0);
            machine.apply(buffer, 0, length, sequence, sequence);
            sequence++;
        }
        return sequence;
    }

    /**
     * Child-JVM entry point of the C1-only run: prints the bytes allocated per measured window.
     */
    static final class Probe
    {
        private Probe()
        {
        }

        public static void main(final String[] args)
        {
            final long[] windows = measure(C1_ONLY_WARM_UP_EVENTS, C1_ONLY_MEASURED_EVENTS, 4);
            final StringBuilder result = new StringBuilder(RESULT_PREFIX);
            for (int i = 0; i < windows.length; i++)
            {
                result.append(i == 0 ? "" : ",").append(windows[i]);
            }
            System.out.println(result);
        }
    }
}
