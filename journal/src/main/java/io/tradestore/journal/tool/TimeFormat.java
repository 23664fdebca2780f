package io.tradestore.journal.tool;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 UTC times: parsing of arguments into ns since the epoch, and fast formatting of journal timestamps
 * (the date-time part is cached per second; nanoseconds are always printed with nine digits). Not thread safe.
 */
final class TimeFormat
{
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix;

    /**
     * @param option name of the option, for the error message.
     * @param text   an ISO-8601 instant such as {@code 2026-01-01T10:32:15Z}.
     * @return ns since the epoch.
     * @throws ToolException when it does not parse or is beyond what int64 ns can hold.
     */
    static long parseNs(final String option, final String text)
    {
        final Instant instant;
        try
        {
            instant = Instant.parse(text.trim());
        }
        catch (final DateTimeParseException ex)
        {
            throw new ToolException(option + ": not an ISO-8601 UTC time (e.g. 2026-01-01T10:32:15Z): " + text);
        }
        try
        {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
        catch (final ArithmeticException | DateTimeException ex)
        {
            throw new ToolException(option + ": time out of range (1677-09-21 .. 2262-04-11): " + text);
        }
    }

    /** Append {@code timestampNs} as {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
    void append(final StringBuilder out, final long timestampNs)
    {
        final long second = Math.floorDiv(timestampNs, 1_000_000_000L);
        final int nanos = (int)Math.floorMod(timestampNs, 1_000_000_000L);
        if (second != cachedSecond)
        {
            final String full = Instant.ofEpochSecond(second).toString();
            cachedPrefix = full.substring(0, full.length() - 1);
            cachedSecond = second;
        }
        out.append(cachedPrefix).append('.');
        for (int divisor = 100_000_000; divisor > 0; divisor /= 10)
        {
            out.append((char)('0' + (nanos / divisor) % 10));
        }
        out.append('Z');
    }

    /** @return {@code timestampNs} as an ISO-8601 string. */
    static String format(final long timestampNs)
    {
        final StringBuilder builder = new StringBuilder(32);
        new TimeFormat().append(builder, timestampNs);
        return builder.toString();
    }
}
