package io.tradestore.journal;

import io.tradestore.core.MarketDataStore;
import io.tradestore.core.OrderStore;
import io.tradestore.core.PositionStore;
import io.tradestore.core.StoreException;

import java.io.File;

/**
 * The three stores of one directory, opened together and closed together: {@code orders.cmap},
 * {@code positions.cmap} (Chronicle Map) and {@code marketdata.dat} (Agrona mapped file).
 */
final class StoreFiles implements AutoCloseable
{
    static final String ORDERS = "orders.cmap";
    static final String POSITIONS = "positions.cmap";
    static final String MARKET_DATA = "marketdata.dat";

    final File directory;
    final OrderStore orders;
    final PositionStore positions;
    final MarketDataStore marketData;
    private boolean closed;

    private StoreFiles(
        final File directory, final OrderStore orders, final PositionStore positions, final MarketDataStore marketData)
    {
        this.directory = directory;
        this.orders = orders;
        this.positions = positions;
        this.marketData = marketData;
    }

    static boolean exist(final File directory)
    {
        return new File(directory, ORDERS).isFile() && new File(directory, POSITIONS).isFile() &&
            new File(directory, MARKET_DATA).isFile();
    }

    /** Open the existing files, as left by a clean shutdown. */
    static StoreFiles open(final File directory, final JournalConfig config)
    {
        FileSupport.ensureDirectory(directory);
        OrderStore orders = null;
        PositionStore positions = null;
        try
        {
            orders = OrderStore.open(new File(directory, ORDERS), config.orderCapacity());
            positions = PositionStore.open(new File(directory, POSITIONS), config.positionCapacity());
            final MarketDataStore marketData =
                MarketDataStore.open(new File(directory, MARKET_DATA), config.instrumentCapacity());
            return new StoreFiles(directory, orders, positions, marketData);
        }
        catch (final RuntimeException ex)
        {
            if (positions != null)
            {
                positions.close();
            }
            if (orders != null)
            {
                orders.close();
            }
            throw ex;
        }
    }

    /** Discard whatever is in the directory (a cache after a crash) and create empty stores. */
    static StoreFiles create(final File directory, final JournalConfig config)
    {
        delete(directory);
        return open(directory, config);
    }

    static void delete(final File directory)
    {
        FileSupport.deleteFile(new File(directory, ORDERS));
        FileSupport.deleteFile(new File(directory, POSITIONS));
        FileSupport.deleteFile(new File(directory, MARKET_DATA));
    }

    /** Flush the files' dirty pages to the device; call after {@link #close()}. */
    void force()
    {
        if (!closed)
        {
            throw new StoreException("stores must be closed before forcing");
        }
        FileSupport.forceFile(new File(directory, ORDERS));
        FileSupport.forceFile(new File(directory, POSITIONS));
        FileSupport.forceFile(new File(directory, MARKET_DATA));
        FileSupport.forceDirectory(directory);
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            marketData.close();
            positions.close();
            orders.close();
        }
    }
}
