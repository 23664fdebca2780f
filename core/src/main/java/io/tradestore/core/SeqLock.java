package io.tradestore.core;

import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;

/**
 * A sequence lock over an {@code int32} version word in shared memory: one writer that never waits, any number of
 * readers that retry until they copied a record no write overlapped. The version is odd while the writer is inside
 * the record. Used by the order, position and market-data stores, whose records the apply thread rewrites in place.
 * <p>
 * Writer: {@link #beginWrite}, plain stores of the fields, {@link #endWrite}. Reader: {@link #beginRead}, plain
 * loads of the fields into a copy, then {@link #isUnchanged}; on false, copy again.
 */
final class SeqLock
{
    private static final int SPINS_BEFORE_YIELD = 1_000;

    private SeqLock()
    {
    }

    /**
     * Mark the record as being written. Single writer only.
     *
     * @param buffer        holding the record.
     * @param versionOffset of the version word.
     * @return the version before the write, to pass to {@link #endWrite}.
     */
    static int beginWrite(final UnsafeBuffer buffer, final int versionOffset)
    {
        final int version = buffer.getInt(versionOffset);
        buffer.putInt(versionOffset, version + 1);
        VarHandle.storeStoreFence(); // no field store may become visible before the odd version
        return version;
    }

    /**
     * Publish the record: every field store before this becomes visible no later than the new even version.
     *
     * @param buffer        holding the record.
     * @param versionOffset of the version word.
     * @param version       returned by {@link #beginWrite}.
     */
    static void endWrite(final UnsafeBuffer buffer, final int versionOffset, final int version)
    {
        buffer.putIntRelease(versionOffset, version + 2);
    }

    /**
     * Wait until no write is in progress; spins, then yields (the writer may have lost its core mid-record).
     *
     * @param buffer        holding the record.
     * @param versionOffset of the version word.
     * @return the even version the copy starts from.
     */
    static int beginRead(final UnsafeBuffer buffer, final int versionOffset)
    {
        int spins = 0;
        while (true)
        {
            final int version = buffer.getIntAcquire(versionOffset);
            if ((version & 1) == 0)
            {
                return version;
            }
            spins = backOff(spins);
        }
    }

    /**
     * @param buffer        holding the record.
     * @param versionOffset of the version word.
     * @param version       returned by {@link #beginRead}.
     * @return true when no write overlapped the copy made since {@link #beginRead}.
     */
    static boolean isUnchanged(final UnsafeBuffer buffer, final int versionOffset, final int version)
    {
        VarHandle.loadLoadFence(); // the field loads complete before the version is read again
        return buffer.getIntVolatile(versionOffset) == version;
    }

    /**
     * @param spins so far.
     * @return spins after this one.
     */
    static int backOff(final int spins)
    {
        if (spins < SPINS_BEFORE_YIELD)
        {
            Thread.onSpinWait();
        }
        else
        {
            Thread.yield();
        }
        return spins + 1;
    }
}
