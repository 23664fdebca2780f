package io.tradestore.perf;

import io.tradestore.journal.DurabilityMode;
import io.tradestore.pipeline.OutcomeListener;
import io.tradestore.pipeline.PublishStatus;
import io.tradestore.pipeline.TradeStore;
import io.tradestore.pipeline.TradeStoreConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * The embedded {@link TradeStore}: ring hand-off, journal, apply and egress with the machine's default topology
 * and wait mode, in the named durability. {@code roundTrip} publishes one market-data update and waits for its
 * outcome (the latency of one event through every hand-off); {@code batch} publishes 1,000 and waits for the last
 * (the cost per event when the pipeline is kept busy).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipelineBenchmark
{
    static final int BATCH = 1000;
    static final int INSTRUMENTS = 256;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    /** An open store in a temporary directory. */
    @State(Scope.Benchmark)
    public static class Store
    {
        /** Journal durability of the run. */
        @Param({"ASYNC"})
        public DurabilityMode durability;

        File directory;
        TradeStore store;
        long counter;

        /**
         * Open the store, after opening and closing a throwaway one: the first close in a JVM allocates
         * hundreds of KB initialising classes, and JMH runs trial tear-down inside the last measured iteration.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            final File scratch = TempDirectory.create("tradestore-jmh-pipeline-");
            try (TradeStore throwaway = open(scratch))
            {
                throwaway.awaitOutcome(throwaway.tryMarketDataUpdate(1, 1, 1, 1, 2, 1, 0, 0), TIMEOUT_NS);
            }
            finally
            {
                TempDirectory.delete(scratch);
            }
            directory = TempDirectory.create("tradestore-jmh-pipeline-");
            store = open(directory);
        }

        private TradeStore open(final File dataDirectory)
        {
            return TradeStore.open(new TradeStoreConfig()
                .dataDirectory(dataDirectory)
                .durability(durability)
                .orderCapacity(1024)
                .positionCapacity(1024)
                .instrumentCapacity(INSTRUMENTS)
                .snapshotEveryEvents(0)
                .snapshotEveryNs(0), OutcomeListener.NO_OP);
        }

        /** Close the store and delete the directory. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            try
            {
                store.close();
            }
            finally
            {
                TempDirectory.delete(directory);
            }
        }

        long publish()
        {
            final long n = ++counter;
            final int instrumentId = 1 + (int)(n & (INSTRUMENTS - 1));
            final long bid = 1_000_000 + (n & 1023);
            long sequence;
            while ((sequence = store.tryMarketDataUpdate(n, instrumentId, bid, 100, bid + 100, 200, 0, 0)) ==
                PublishStatus.BACK_PRESSURED)
            {
                Thread.yield();
            }
            if (sequence < 0)
            {
                throw new IllegalStateException("publish failed: " + PublishStatus.describe(sequence));
            }
            return sequence;
        }

        int await(final long sequence)
        {
            final int outcome = store.awaitOutcome(sequence, TIMEOUT_NS);
            if (outcome != 0)
            {
                throw new IllegalStateException("event " + sequence + " ended with " + outcome + ": invalid run");
            }
            return outcome;
        }
    }

    /**
     * @param state the open store.
     * @return the outcome.
     */
    @Benchmark
    public int roundTrip(final Store state)
    {
        return state.await(state.publish());
    }

    /**
     * @param state the open store.
     * @return the outcome of the last event.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int batch(final Store state)
    {
        long last = 0;
        for (int i = 0; i < BATCH; i++)
        {
            last = state.publish();
        }
        return state.await(last);
    }
}
