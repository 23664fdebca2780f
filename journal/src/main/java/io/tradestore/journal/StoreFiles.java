package io.tradestore.journal;

import io.tradestore.core.MarketDataStore;
import io.tradestore.core.OrderStore;
import io.tradestore.core.PositionStore;
import io.tradestore.core.StoreException;

import java.io.File;

/**
 * The three stores of one directory, opened together and closed together: {@code orders-v2.cmap},
 * {@code positions-v2.cmap} (Chronicle Map) and {@code marketdata.dat} (Agrona mapped file).
 * <p>
 * The map files' names carry their value layout's version. Files of an older layout ({@code orders.cmap},
 * {@code positions.cmap}: chronicle-values records, before {@code OrderLayout}/{@code PositionLayout}) are not
 * opened: they are a cache, so the store is rebuilt from snapshot + journal and they are deleted.
 */
public final class StoreFiles implements AutoCloseable
{
    /** File of the order map; the audit tools' scratch stores use the same names. */
    public static final String ORDERS = "orders-v2.cmap";
    /** File of the position map. */
    public static final String POSITIONS = "positions-v2.cmap";
    static final String[] OLDER_LAYOUT = { "orders.cmap", "positions.cmap" };
    /** File of the market-data slots. */
    public static final String MARKET_DATA = "marketdata.dat";

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

    /**
     * @param directory the store directory.
     * @return true when it holds map files of an older value layout.
     */
    static boolean hasOlderLayout(final File directory)
    {
        for (final String name : OLDER_LAYOUT)
        {
            if (new File(directory, name).exists())
            {
                return true;
            }
        }
        return false;
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
        for (final String name : OLDER_LAYOUT)
        {
            FileSupport.deleteFile(new File(directory, name));
        }
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
