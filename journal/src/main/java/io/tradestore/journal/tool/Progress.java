package io.tradestore.journal.tool;

import java.io.PrintStream;

/**
 * Progress of a long replay on stderr (events done, rate, ETA), only when the JVM is attached to a terminal;
 * silent otherwise so that redirected output and tests see nothing. Checks the clock every 64K events.
 */
final class Progress
{
    private static final long INTERVAL_NS = 1_000_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final long startNs = System.nanoTime();
    private long total;
    private long nextReportNs = startNs + INTERVAL_NS;
    private boolean printed;

    Progress(final PrintStream err, final boolean enabled)
    {
        this.err = err;
        this.enabled = enabled;
    }

    static Progress forTerminal(final PrintStream err)
    {
        return new Progress(err, System.console() != null);
    }

    /** @param total events expected, for the ETA; 0 when unknown. */
    void total(final long total)
    {
        this.total = total;
    }

    void onEvents(final long done)
    {
        if (!enabled || (done & 0xFFFF) != 0)
        {
            return;
        }
        final long nowNs = System.nanoTime();
        if (nowNs < nextReportNs)
        {
            return;
        }
        nextReportNs = nowNs + INTERVAL_NS;
        final double seconds = (nowNs - startNs) / 1e9;
        final long rate = (long)(done / seconds);
        final String eta = total > done && rate > 0 ? ", ETA " + ((total - done) / rate) + " s" : "";
        err.print("\rreplayed " + done + (total > 0 ? "/" + total : "") + " events, " + rate + " events/s" + eta + "   ");
        err.flush();
        printed = true;
    }

    void done()
    {
        if (printed)
        {
            err.println();
        }
    }
}
