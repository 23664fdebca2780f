package io.tradestore.core.test;

import io.tradestore.core.MarketDataStore;
import io.tradestore.core.OrderStore;
import io.tradestore.core.PositionStore;
import io.tradestore.core.StateDigest;
import io.tradestore.core.StoreQueries;
import io.tradestore.core.TradingStateMachine;
import org.agrona.IoUtil;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The three stores opened over files in a directory, for tests: {@link #create} makes a fresh temporary directory
 * that {@link #close()} deletes; {@link #open} uses a caller's directory and leaves it in place.
 * {@link #reopen()} closes the stores and maps the same files again, as a restart would.
 * <p>
 * File names: {@value #ORDERS_FILE}, {@value #POSITIONS_FILE}, {@value #MARKET_DATA_FILE}. Not thread safe: use it
 * from the thread that applies events.
 * <pre>{@code
 * try (TestStores stores = TestStores.create(1_000_000, 100_000, 1024))
 * {
 *     TradingStateMachine machine = stores.newStateMachine();
 *     ...
 *     long digest = stores.digest();
 * }
 * }</pre>
 */
public final class TestStores implements AutoCloseable
{
    /** File of the order map in the directory. */
    public static final String ORDERS_FILE = "orders.cm3";
    /** File of the position map in the directory. */
    public static final String POSITIONS_FILE = "positions.cm3";
    /** File of the market data in the directory. */
    public static final String MARKET_DATA_FILE = "marketdata.dat";

    private final File directory;
    private final boolean deleteOnClose;
    private final long orderCapacity;
    private final long positionCapacity;
    private final int instrumentCapacity;
    private OrderStore orders;
    private PositionStore positions;
    private MarketDataStore marketData;
    private boolean closed;

    private TestStores(
        final File directory,
        final boolean deleteOnClose,
        final long orderCapacity,
        final long positionCapacity,
        final int instrumentCapacity)
    {
        this.directory = directory;
        this.deleteOnClose = deleteOnClose;
        this.orderCapacity = orderCapacity;
        this.positionCapacity = positionCapacity;
        this.instrumentCapacity = instrumentCapacity;
        openStores();
    }

    /**
     * Open empty stores in a new temporary directory, deleted by {@link #close()}.
     *
     * @param orderCapacity      maximum orders.
     * @param positionCapacity   maximum positions.
     * @param instrumentCapacity instrument slots, ids 1..capacity.
     * @return the open stores.
     */
    public static TestStores create(final long orderCapacity, final long positionCapacity, final int instrumentCapacity)
    {
        try
        {
            final File directory = Files.createTempDirectory("tradestore-test-").toFile();
            return new TestStores(directory, true, orderCapacity, positionCapacity, instrumentCapacity);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Open (or create) the stores in a directory that outlives this object: {@link #close()} keeps the files.
     *
     * @param directory          where the files are; created when absent.
     * @param orderCapacity      maximum orders.
     * @param positionCapacity   maximum positions.
     * @param instrumentCapacity instrument slots; must match an existing market-data file.
     * @return the open stores.
     */
    public static TestStores open(
        final File directory, final long orderCapacity, final long positionCapacity, final int instrumentCapacity)
    {
        IoUtil.ensureDirectoryExists(directory, "test stores");
        return new TestStores(directory, false, orderCapacity, positionCapacity, instrumentCapacity);
    }

    /** @return the order store. */
    public OrderStore orders()
    {
        return orders;
    }

    /** @return the position store. */
    public PositionStore positions()
    {
        return positions;
    }

    /** @return the market-data store. */
    public MarketDataStore marketData()
    {
        return marketData;
    }

    /** @return the directory holding the files. */
    public File directory()
    {
        return directory;
    }

    /** @return maximum orders. */
    public long orderCapacity()
    {
        return orderCapacity;
    }

    /** @return maximum positions. */
    public long positionCapacity()
    {
        return positionCapacity;
    }

    /** @return instrument slots. */
    public int instrumentCapacity()
    {
        return instrumentCapacity;
    }

    /** @return a state machine over the current stores; make a new one after {@link #reopen()}. */
    public TradingStateMachine newStateMachine()
    {
        return new TradingStateMachine(orders, positions, marketData);
    }

    /** @return queries over the current stores; make a new one after {@link #reopen()}. */
    public StoreQueries newQueries()
    {
        return new StoreQueries(orders, positions, marketData);
    }

    /** @return a reference model with the same capacities, empty. */
    public ReferenceModel newReferenceModel()
    {
        return new ReferenceModel(orderCapacity, positionCapacity, instrumentCapacity);
    }

    /** @return {@link StateDigest#of} the stores. */
    public long digest()
    {
        return StateDigest.of(orders, positions, marketData);
    }

    /**
     * Close the stores and open them again over the same files. State machines and queries made before refer to
     * closed stores.
     */
    public void reopen()
    {
        closeStores();
        openStores();
    }

    /** Close the stores and, for {@link #create}d stores, delete the directory. Idempotent. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            closeStores();
            if (deleteOnClose)
            {
                IoUtil.delete(directory, true);
            }
        }
    }

    private void openStores()
    {
        orders = OrderStore.open(new File(directory, ORDERS_FILE), orderCapacity);
        positions = PositionStore.open(new File(directory, POSITIONS_FILE), positionCapacity);
        marketData = MarketDataStore.open(new File(directory, MARKET_DATA_FILE), instrumentCapacity);
    }

    private void closeStores()
    {
        if (marketData != null)
        {
            marketData.close();
        }
        if (positions != null)
        {
            positions.close();
        }
        if (orders != null)
        {
            orders.close();
        }
    }
}
