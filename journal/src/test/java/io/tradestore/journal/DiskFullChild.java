package io.tradestore.journal;

import io.tradestore.core.sbe.RejectReason;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * Child JVM of the disk-full test, run inside a small tmpfs: fills the file system to just above the journal's
 * free-space floor, ingests until the journal refuses, then checks the refusal is clean, the acknowledged state
 * survives a restart, and ingest resumes once space is freed. Prints {@code OK ...} on success.
 * Args: {@code tmpfsDir oracleDir}.
 */
public final class DiskFullChild
{
    private static final long FLOOR_BYTES = 16L * 1024 * 1024;
    private static final long SEED = 5;

    private DiskFullChild()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final File root = new File(args[0]);
        final File data = new File(root, "data");
        final File ballast = new File(root, "ballast");
        final JournalConfig config = TestSupport.config(data).minFreeDiskBytes(FLOOR_BYTES);

        long accepted;
        try (StoreEngine engine = StoreEngine.open(config))
        {
            TestSupport.ingest(engine, new EventGenerator(SEED), 1_000);
            fill(ballast, root.getUsableSpace() - FLOOR_BYTES - 6L * 1024 * 1024);
            accepted = TestSupport.ingest(engine, new EventGenerator(SEED), 10_000_000);
            check(accepted < 10_000_000, "journal never refused; free=" + root.getUsableSpace());
            check(engine.writer().isDiskFull(), "writer does not report disk full");
            final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(new byte[256]);
            final int length = new EventGenerator(SEED).encode(accepted + 1, buffer, 0);
            check(engine.writer().append(accepted + 1, 0, buffer, 0, length) == RejectReason.DISK_FULL.value(),
                "refusal is not DISK_FULL");
            System.out.println("REFUSED after " + accepted + " events, free=" + root.getUsableSpace());
        }

        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data).minFreeDiskBytes(FLOOR_BYTES));
            TestSupport.Oracle oracle = new TestSupport.Oracle(SEED))
        {
            check(engine.recoveryReport().lastSequence() == accepted, "reopened at " +
                engine.recoveryReport().lastSequence() + " instead of " + accepted);
            check(TestSupport.digest(engine) == oracle.digestAt(accepted), "digest differs after reopen");
            check(TestSupport.ingest(engine, new EventGenerator(SEED), accepted + 10) == accepted,
                "accepted events while still full");
            check(ballast.delete(), "cannot delete ballast");
            check(TestSupport.ingest(engine, new EventGenerator(SEED), accepted + 5_000) == accepted + 5_000,
                "did not resume after space returned");
            check(TestSupport.digest(engine) == oracle.digestAt(accepted + 5_000), "digest differs after resume");
        }
        System.out.println("OK " + accepted);
    }

    private static void fill(final File file, final long bytes) throws IOException
    {
        final byte[] block = new byte[1024 * 1024];
        try (FileOutputStream out = new FileOutputStream(file))
        {
            for (long written = 0; written < bytes; written += block.length)
            {
                out.write(block, 0, (int)Math.min(block.length, bytes - written));
            }
        }
    }

    private static void check(final boolean condition, final String message)
    {
        if (!condition)
        {
            System.out.println("FAIL " + message);
            System.exit(1);
        }
    }
}
