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

    /**
     * {@code value x multiplier / divisor} truncated toward zero, exact through a 128-bit intermediate.
     * Preconditions (not checked): {@code |value| < divisor}, {@code 0 < multiplier <= divisor}, so the result
     * fits in an int64 with magnitude below {@code multiplier}. Allocation-free; the 128-bit path costs up to 64
     * shift-subtract steps and runs only when the 64-bit product overflows.
     */
    static long multiplyDivide(final long value, final long multiplier, final long divisor)
    {
        if (fitsProduct(value, multiplier))
        {
            return value * multiplier / divisor;
        }
        final long magnitude = Math.abs(value);
        final long high = Math.multiplyHigh(magnitude, multiplier);
        final long low = magnitude * multiplier;
        long remainder = high;
        long quotient = 0;
        for (int bit = 63; bit >= 0; bit--)
        {
            remainder = (remainder << 1) | ((low >>> bit) & 1);
            quotient <<= 1;
            if (Long.compareUnsigned(remainder, divisor) >= 0)
            {
                remainder -= divisor;
                quotient |= 1;
            }
        }
        return value < 0 ? -quotient : quotient;
    }

    static boolean fitsDifference(final long a, final long b)
    {
        final long r = a - b;
        return ((a ^ b) & (a ^ r)) >= 0;
    }
}
