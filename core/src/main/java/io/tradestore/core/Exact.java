package io.tradestore.core;

/**
 * Exact int64 arithmetic that reports overflow as a result instead of throwing, so the apply path stays free of
 * exceptions. Stateless; any thread.
 */
final class Exact
{
    private Exact()
    {
    }

    static boolean fitsProduct(final long a, final long b)
    {
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        return (high == 0 && low >= 0) || (high == -1 && low < 0);
    }

    static boolean fitsSum(final long a, final long b)
    {
        final long r = a + b;
        return ((a ^ r) & (b ^ r)) >= 0;
    }

    static boolean fitsDifference(final long a, final long b)
    {
        final long r = a - b;
        return ((a ^ b) & (a ^ r)) >= 0;
    }
}
