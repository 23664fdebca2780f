package io.tradestore.perf;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/** GC count of the whole JVM and bytes allocated by the calling thread between {@link #start()} and stop. */
final class GcAndAllocation
{
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private final long gcCountBefore;
    private final long allocatedBefore;

    private GcAndAllocation(final long gcCountBefore, final long allocatedBefore)
    {
        this.gcCountBefore = gcCountBefore;
        this.allocatedBefore = allocatedBefore;
    }

    static GcAndAllocation start()
    {
        return new GcAndAllocation(gcCount(), allocated());
    }

    /** Record the GCs and the calling thread's allocation per event into {@code result}. */
    void stop(final BenchResult result, final long events)
    {
        final long allocatedAfter = allocated();
        result.gcCount = gcCount() - gcCountBefore;
        result.allocatedBytesPerEvent = allocatedBefore < 0 || allocatedAfter < 0 || events <= 0 ?
            Double.NaN : (double)(allocatedAfter - allocatedBefore) / events;
    }

    static long gcCount()
    {
        long count = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    private static long allocated()
    {
        return null == THREADS ? -1 : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threads()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        return bean instanceof com.sun.management.ThreadMXBean ? (com.sun.management.ThreadMXBean)bean : null;
    }
}
