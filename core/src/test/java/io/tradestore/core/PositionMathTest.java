package io.tradestore.core;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PositionMath} at magnitudes where a 64-bit intermediate of the average-cost rule would overflow although
 * every stored result fits, checked against {@link BigInteger} arithmetic.
 */
class PositionMathTest
{
    @Test
    void shouldCloseFxSizedPositionWithoutSpuriousOverflow()
    {
        final PositionRecord position = new PositionRecord().reset(1, 1);
        assertTrue(PositionMath.applyFill(position, true, 1_1000, 3_000_000_001L));
        assertTrue(PositionMath.applyFill(position, true, 1_1001, 1_000_000_000L));
        assertTrue(PositionMath.applyFill(position, false, 1_1002, 3_999_999_999L),
            "a 4-billion-unit position at ~1.1 fits in int64 everywhere and must close");
        assertEquals(2, position.netQuantity);
        final long open = 3_000_000_001L * 1_1000 + 1_000_000_000L * 1_1001;
        final long removed = BigInteger.valueOf(open).multiply(BigInteger.valueOf(3_999_999_999L))
            .divide(BigInteger.valueOf(4_000_000_001L)).longValueExact();
        assertEquals(open - removed, position.openCost);
        assertEquals(3_999_999_999L * 1_1002 - removed, position.realizedPnl);
    }

    @Test
    void shouldMatchExactArithmeticForLargeRandomPositions()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++)
        {
            final boolean longSide = random.nextBoolean();
            final long quantity = 1 + random.nextLong(1L << 40);
            final long price = 1 + random.nextLong(1L << 20);
            final PositionRecord position = new PositionRecord().reset(1, 1);
            assertTrue(PositionMath.applyFill(position, longSide, price, quantity));
            final long second = 1 + random.nextLong(1L << 40);
            final long secondPrice = 1 + random.nextLong(1L << 20);
            assertTrue(PositionMath.applyFill(position, longSide, secondPrice, second));

            final long close = 1 + random.nextLong(quantity + second);
            final long closePrice = 1 + random.nextLong(1L << 20);
            final long net = position.netQuantity;
            final long openCost = position.openCost;
            final long realized = position.realizedPnl;
            assertTrue(PositionMath.applyFill(position, !longSide, closePrice, close), "case " + i);

            final BigInteger absNet = BigInteger.valueOf(Math.abs(net));
            final BigInteger removed = BigInteger.valueOf(openCost).multiply(BigInteger.valueOf(close)).divide(absNet);
            final BigInteger closedNotional = BigInteger.valueOf(closePrice).multiply(BigInteger.valueOf(close));
            final BigInteger expectedRealized = BigInteger.valueOf(realized)
                .add(net > 0 ? closedNotional : closedNotional.negate()).subtract(removed);
            assertEquals(expectedRealized.longValueExact(), position.realizedPnl, "case " + i);
            assertEquals(BigInteger.valueOf(openCost).subtract(removed).longValueExact(), position.openCost, "case " + i);
        }
    }

    @Test
    void shouldStillRejectRealOverflowAndLeaveRecordUntouched()
    {
        final PositionRecord position = new PositionRecord().reset(1, 1);
        assertTrue(PositionMath.applyFill(position, true, 1, Long.MAX_VALUE - 1));
        final String before = position.toString();
        assertFalse(PositionMath.applyFill(position, true, 1, 2));
        assertFalse(PositionMath.applyFill(position, false, 2, Long.MAX_VALUE / 2 + 1));
        assertEquals(before, position.toString());
    }
}
