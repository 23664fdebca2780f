package io.tradestore.core;

/**
 * Average-cost position arithmetic, exact in int64. Stateless; any thread.
 * <p>
 * Rounding rule: when a fill reduces a position by {@code closed} units, the cost removed from the open cost is
 * {@code openCost x closed / |netQuantity|} truncated toward zero, computed as {@code q x closed + r x closed / |net|}
 * where {@code q, r} are the quotient and remainder of {@code openCost / |net|} (the last term through a 128-bit
 * intermediate when {@code r x closed} exceeds int64, so large positions never see a spurious overflow).
 * Realized PnL for the closed part is {@code sign(net) x price x closed - removed}.
 * Because the truncation remainder stays in the open cost, a position taken back to flat has realized exactly
 * {@code sellNotional - buyNotional} over its round trip.
 */
final class PositionMath
{
    private PositionMath()
    {
    }

    /**
     * Apply one fill to the record in place, or leave it untouched and return false if any result would overflow.
     *
     * @param position to update.
     * @param buy      true for a buy fill.
     * @param price    fill price, positive.
     * @param quantity fill quantity, positive.
     * @return true when applied; false on int64 overflow (nothing changed).
     */
    static boolean applyFill(final PositionRecord position, final boolean buy, final long price, final long quantity)
    {
        if (!Exact.fitsProduct(price, quantity))
        {
            return false;
        }
        final long notional = price * quantity;

        long buyQuantity = position.buyQuantity;
        long sellQuantity = position.sellQuantity;
        long buyNotional = position.buyNotional;
        long sellNotional = position.sellNotional;
        if (buy)
        {
            if (!Exact.fitsSum(buyQuantity, quantity) || !Exact.fitsSum(buyNotional, notional))
            {
                return false;
            }
            buyQuantity += quantity;
            buyNotional += notional;
        }
        else
        {
            if (!Exact.fitsSum(sellQuantity, quantity) || !Exact.fitsSum(sellNotional, notional))
            {
                return false;
            }
            sellQuantity += quantity;
            sellNotional += notional;
        }

        final long net = position.netQuantity;
        long openCost = position.openCost;
        long realizedPnl = position.realizedPnl;
        long newNet;

        if (net == 0 || (net > 0) == buy)
        {
            final long signedQuantity = buy ? quantity : -quantity;
            final long signedNotional = buy ? notional : -notional;
            if (!Exact.fitsSum(net, signedQuantity) || !Exact.fitsSum(openCost, signedNotional))
            {
                return false;
            }
            newNet = net + signedQuantity;
            openCost += signedNotional;
        }
        else
        {
            final long absNet = Math.abs(net);
            final long closed = Math.min(quantity, absNet);
            final long quotient = openCost / absNet;
            final long remainder = openCost % absNet;
            if (!Exact.fitsProduct(quotient, closed))
            {
                return false;
            }
            final long fraction = Exact.multiplyDivide(remainder, closed, absNet);
            final long whole = quotient * closed;
            if (!Exact.fitsSum(whole, fraction))
            {
                return false;
            }
            final long removed = whole + fraction;
            final long closedNotional = price * closed;
            final long signedClosedNotional = net > 0 ? closedNotional : -closedNotional;
            if (!Exact.fitsDifference(signedClosedNotional, removed))
            {
                return false;
            }
            final long realizedDelta = signedClosedNotional - removed;
            if (!Exact.fitsSum(realizedPnl, realizedDelta))
            {
                return false;
            }
            realizedPnl += realizedDelta;
            openCost -= removed;
            newNet = net > 0 ? net - closed : net + closed;

            final long reopened = quantity - closed;
            if (reopened > 0)
            {
                final long reopenedNotional = price * reopened;
                newNet = buy ? reopened : -reopened;
                openCost = buy ? reopenedNotional : -reopenedNotional;
            }
        }

        position.buyQuantity = buyQuantity;
        position.sellQuantity = sellQuantity;
        position.buyNotional = buyNotional;
        position.sellNotional = sellNotional;
        position.netQuantity = newNet;
        position.openCost = openCost;
        position.realizedPnl = realizedPnl;
        return true;
    }
}
