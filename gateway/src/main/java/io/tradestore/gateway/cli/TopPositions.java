package io.tradestore.gateway.cli;

import io.tradestore.core.PositionRecord;
import io.tradestore.core.StoreQueries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Formatter;
import java.util.List;

/**
 * The demo's top-positions table, read from the live store through {@link StoreQueries}: every position of every
 * account ranked by total PnL (realized + unrealized at the instrument's mark: last price, else mid). Not for the
 * hot path: one scan of the position store per account. Control thread.
 */
final class TopPositions
{
    private record Row(long accountId, int instrumentId, long netQuantity, long realizedPnl, long unrealizedPnl)
    {
        long totalPnl()
        {
            return realizedPnl + unrealizedPnl;
        }
    }

    private TopPositions()
    {
    }

    /**
     * The {@code limit} positions with the highest total PnL, ties by account then instrument, as a table.
     *
     * @param queries over the live store.
     * @param limit   rows wanted.
     * @return the table, lines ending in the platform's line separator.
     */
    static String describe(final StoreQueries queries, final int limit)
    {
        final long startNs = System.nanoTime();
        final List<StoreQueries.AccountPnl> accounts = queries.topAccountsByRealizedPnl(Integer.MAX_VALUE);
        final List<Row> rows = new ArrayList<>();
        for (final StoreQueries.AccountPnl account : accounts)
        {
            for (final PositionRecord position : queries.positions(account.accountId()))
            {
                rows.add(new Row(position.accountId, position.instrumentId, position.netQuantity,
                    position.realizedPnl, position.unrealizedPnl(queries.markPrice(position.instrumentId))));
            }
        }
        rows.sort(Comparator.comparingLong(Row::totalPnl).reversed()
            .thenComparingLong(Row::accountId).thenComparingInt(Row::instrumentId));
        final long elapsedNs = System.nanoTime() - startNs;
        final Formatter out = new Formatter();

        out.format("top positions by PnL (live store, StoreQueries: %,d positions of %,d accounts in %.0f ms; " +
            "realized + unrealized at the last price, else mid; prices 4 decimals):%n",
            rows.size(), accounts.size(), elapsedNs / 1e6);
        out.format("  %8s %10s %12s %16s %16s %16s%n",
            "account", "instrument", "net qty", "realized", "unrealized", "total");
        for (int i = 0, size = Math.min(limit, rows.size()); i < size; i++)
        {
            final Row row = rows.get(i);
            out.format("  %8d %10d %12d %16s %16s %16s%n", row.accountId, row.instrumentId, row.netQuantity,
                money(row.realizedPnl), money(row.unrealizedPnl), money(row.totalPnl()));
        }
        return out.toString();
    }

    private static String money(final long fixedPoint)
    {
        return String.format("%.4f", fixedPoint / 10_000.0);
    }
}
