package io.tradestore.pipeline;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Liveness of the pipeline shared by producers and stages: running, refusing (disk below its reserve) or halted
 * after a fatal error. A halt is permanent for this process: the store must be reopened, and recovery replays
 * the journal through the same code, which reproduces the failure if it is deterministic.
 */
final class PipelineState
{
    private final File errorLog;
    private volatile boolean halted;
    private volatile String haltReason;

    PipelineState(final File errorLog)
    {
        this.errorLog = errorLog;
    }

    boolean isHalted()
    {
        return halted;
    }

    String haltReason()
    {
        return haltReason;
    }

    /**
     * Halt the pipeline and record why in the error log. Called by a stage thread; never throws.
     *
     * @param reason   one line naming what failed and at which sequence.
     * @param cause    the failure, may be null.
     * @param counters to count the error in.
     */
    void halt(final String reason, final Throwable cause, final PipelineCounters counters)
    {
        if (!halted)
        {
            haltReason = reason;
            halted = true;
        }
        counters.errors.increment();
        log("FATAL", reason, cause);
    }

    /**
     * Record a failure that does not stop the pipeline (a background thread of the engine died). Any thread; never
     * throws.
     *
     * @param reason one line naming what failed.
     * @param cause  the failure, may be null.
     */
    void logError(final String reason, final Throwable cause)
    {
        log("ERROR", reason, cause);
    }

    private synchronized void log(final String level, final String reason, final Throwable cause)
    {
        try (PrintStream out = new PrintStream(new FileOutputStream(errorLog, true), true, StandardCharsets.UTF_8))
        {
            out.println(Instant.now() + " " + level + " " + reason);
            if (cause != null)
            {
                cause.printStackTrace(out);
            }
        }
        catch (final IOException | RuntimeException ignore)
        {
            // recording must not fail the caller: a halt has set its flag and counted already
        }
    }
}
