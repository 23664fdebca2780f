package io.tradestore.journal.tool;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventPrinterTest
{
    @Test
    void shouldWriteLongsAsLongToStringDoes()
    {
        final byte[] buffer = new byte[32];
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] edges = { 0, 1, 9, 10, 99, 100, 101, 999, 1_000, -1, -9, -10, -100, 1_000_000_000_000_000_000L,
            999_999_999_999_999_999L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1 };
        for (final long value : edges)
        {
            assertAscii(buffer, value, "edge");
        }
        for (int i = 0; i < 100_000; i++)
        {
            assertAscii(buffer, random.nextLong() >> random.nextInt(64), "seed " + seed);
        }
    }

    @Test
    void shouldFormatTimestampsAsIsoInstantsWithNineDigitsOfNanos()
    {
        assertEquals("2026-01-01T00:00:00.000001000Z", TimeFormat.format(1_767_225_600_000_001_000L));
        assertEquals("1969-12-31T23:59:59.999999999Z", TimeFormat.format(-1));
        assertEquals("1970-01-01T00:00:00.000000000Z", TimeFormat.format(0));
    }

    private static void assertAscii(final byte[] buffer, final long value, final String context)
    {
        final int end = EventPrinter.putLong(buffer, 3, value);
        assertEquals(Long.toString(value), new String(buffer, 3, end - 3, StandardCharsets.US_ASCII), context);
    }
}
