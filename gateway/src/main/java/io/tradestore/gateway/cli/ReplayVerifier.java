package io.tradestore.gateway.cli;

import io.tradestore.core.MarketDataRecord;
import io.tradestore.core.MarketDataStore;
import io.tradestore.core.OrderStore;
import io.tradestore.core.PositionRecord;
import io.tradestore.core.PositionStore;
import io.tradestore.core.StateDigest;
import io.tradestore.core.TradingStateMachine;
import io.tradestore.journal.JournalReader;
import org.agrona.DirectBuffer;

import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rebuilds the state from a journal alone into a scratch directory, through a fresh {@link TradingStateMachine},
 * and reports its digest and the top positions. Independent of the store's own recovery path. Control thread.
 */
final class ReplayVerifier implements AutoCloseable
{
    /** A position with its PnL at the replayed mark price, for the report. */
    static final class PositionRow
    {
        final long accountId;
        final int instrumentId;
        final long netQuantity;
        final long realizedPnl;
        final long unrealizedPnl;

        PositionRow(final PositionRecord record, final long mark)
        {
            accountId = record.accountId;
            instrumentId = record.instrumentId;
            netQuantity = record.netQuantity;
            realizedPnl = record.realizedPnl;
            unrealizedPnl = mark > 0 ? record.unrealizedPnl(mark) : 0;
        }

        long totalPnl()
        {
            return realizedPnl + unrealizedPnl;
        }
    }

    private final OrderStore orders;
    private final PositionStore positions;
    private final MarketDataStore marketData;
    private final TradingStateMachine stateMachine;
    private long entries;
    private long lastSequence;

    ReplayVerifier(final File scratch, final long orderCapacity, final long positionCapacity, final int instruments)
    {
        if (!scratch.mkdirs() && !scratch.isDirectory())
        {
            throw new CliException("cannot create scratch directory " + scratch);
        }
        orders = OrderStore.open(new File(scratch, "orders.dat"), orderCapacity);
        positions = PositionStore.open(new File(scratch, "positions.dat"), positionCapacity);
        marketData = MarketDataStore.open(new File(scratch, "marketdata.dat"), instruments);
        stateMachine = new TradingStateMachine(orders, positions, marketData);
    }

    /**
     * Replay every entry of the journal.
     *
     * @param journalDirectory {@code DATA/journal}.
     * @return the digest of the rebuilt state.
     */
    long replay(final File journalDirectory)
    {
        try (JournalReader reader = JournalReader.open(journalDirectory))
        {
            while (reader.poll(this::onEntry, 65_536) > 0)
            {
                continue;
            }
        }
        return StateDigest.of(orders, positions, marketData);
    }

    long entries()
    {
        return entries;
    }

    long lastSequence()
    {
        return lastSequence;
    }

    /**
     * @param limit rows wanted.
     * @return positions with the highest total PnL (realized + unrealized at the last price, else mid).
     */
    List<PositionRow> topPositionsByPnl(final int limit)
    {
        final List<PositionRow> rows = new ArrayList<>();
        final MarketDataRecord md = new MarketDataRecord();
        positions.forEach(record ->
        {
            final long mark = marketData.read(record.instrumentId, md) ? md.markPrice() : 0;
            rows.add(new PositionRow(record, mark));
        });
        rows.sort(Comparator.comparingLong(PositionRow::totalPnl).reversed()
            .thenComparingLong(row -> row.accountId).thenComparingInt(row -> row.instrumentId));
        return rows.subList(0, Math.min(limit, rows.size()));
    }

    private void onEntry(
        final long sequence, final long timestampNs, final DirectBuffer buffer, final int offset, final int length)
    {
        stateMachine.apply(buffer, offset, length, sequence, timestampNs);
        entries++;
        lastSequence = sequence;
    }

    public void close()
    {
        orders.close();
        positions.close();
        marketData.close();
    }
}
