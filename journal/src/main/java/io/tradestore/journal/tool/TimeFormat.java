package io.tradestore.journal.tool;

import java.nio.charset.StandardCharsets;
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
    private byte[] cachedPrefix;

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

    /**
     * Write {@code timestampNs} as ASCII {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}.
     *
     * @return the index after the last byte written.
     */
    int put(final byte[] buffer, final int index, final long timestampNs)
    {
        final long second = Math.floorDiv(timestampNs, 1_000_000_000L);
        int nanos = (int)Math.floorMod(timestampNs, 1_000_000_000L);
        if (second != cachedSecond)
        {
            final String full = Instant.ofEpochSecond(second).toString();
            cachedPrefix = full.substring(0, full.length() - 1).getBytes(StandardCharsets.US_ASCII);
            cachedSecond = second;
        }
        final byte[] prefix = cachedPrefix;
        System.arraycopy(prefix, 0, buffer, index, prefix.length);
        int at = index + prefix.length;
        buffer[at] = '.';
        for (int i = 9; i > 0; i--)
        {
            buffer[at + i] = (byte)('0' + nanos % 10);
            nanos /= 10;
        }
        at += 10;
        buffer[at] = 'Z';
        return at + 1;
    }

    /** @return {@code timestampNs} as an ISO-8601 string. */
    static String format(final long timestampNs)
    {
        final byte[] buffer = new byte[64];
        return new String(buffer, 0, new TimeFormat().put(buffer, 0, timestampNs), StandardCharsets.US_ASCII);
    }
}
