package io.tradestore.gateway.cli;

import io.tradestore.core.StoreException;
import io.tradestore.gateway.Credentials;
import io.tradestore.gateway.GatewayContext;
import io.tradestore.gateway.GatewayServer;
import io.tradestore.journal.DurabilityMode;
import io.tradestore.pipeline.Topology;
import io.tradestore.pipeline.TradeStore;
import io.tradestore.pipeline.TradeStoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve}: run the store with the TCP gateway until interrupted.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
        "Open (or recover) the store in --data and serve the binary TCP gateway (SOFH + SBE) until Ctrl-C.",
        "Users come from --config, lines made by 'tradestore hash-password'."
    })
final class ServeCommand implements Callable<Integer>
{
    /** Default order capacity of a store created by serve. */
    static final long DEFAULT_ORDER_CAPACITY = 1_000_000;
    /** Default position capacity of a store created by serve. */
    static final long DEFAULT_POSITION_CAPACITY = 1_000_000;
    /** Default instrument capacity of a store created by serve. */
    static final int DEFAULT_INSTRUMENT_CAPACITY = 1024;

    @Option(names = "--data", defaultValue = "tradestore-data", description = "data directory (default ${DEFAULT-VALUE})")
    private File data;

    @Option(names = "--config", required = true, description = "gateway users file (see hash-password)")
    private Path config;

    @Option(names = "--bind", defaultValue = GatewayContext.DEFAULT_BIND_ADDRESS,
        description = "address to listen on (default ${DEFAULT-VALUE})")
    private String bind;

    @Option(names = "--port", defaultValue = "7001", description = "TCP port (default ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--durability", defaultValue = "async",
        description = "async (page cache) or sync (forced per batch before acks) (default ${DEFAULT-VALUE})")
    private DurabilityMode durability;

    @Option(names = "--topology",
        description = "pipeline threads: invoked (journal + apply on the gateway's thread, no hand-off), single, " +
        "combined or separate (own pipeline threads) (default ${DEFAULT-VALUE})")
    private Topology topology = GatewayServer.DEFAULT_STORE_TOPOLOGY;

    @Option(names = "--order-capacity", defaultValue = "" + DEFAULT_ORDER_CAPACITY,
        description = "orders (default ${DEFAULT-VALUE})")
    private long orderCapacity;

    @Option(names = "--position-capacity", defaultValue = "" + DEFAULT_POSITION_CAPACITY,
        description = "positions (default ${DEFAULT-VALUE})")
    private long positionCapacity;

    @Option(names = "--instrument-capacity", defaultValue = "" + DEFAULT_INSTRUMENT_CAPACITY,
        description = "instruments 1..N (default ${DEFAULT-VALUE})")
    private int instrumentCapacity;

    @Option(names = "--max-connections", defaultValue = "" + GatewayContext.DEFAULT_MAX_CONNECTIONS,
        description = "concurrent connections (default ${DEFAULT-VALUE})")
    private int maxConnections;

    @Option(names = "--max-rate", defaultValue = "" + GatewayContext.DEFAULT_MAX_MESSAGES_PER_SECOND,
        description = "messages per second per session (default ${DEFAULT-VALUE})")
    private int maxRate;

    public Integer call() throws Exception
    {
        final Credentials credentials = loadCredentials(config);
        final GatewayContext ctx = new GatewayContext()
            .bindAddress(bind).port(port).credentials(credentials)
            .maxConnections(maxConnections).maxMessagesPerSecond(maxRate)
            .conclude();
        final GatewayServer server = new GatewayServer(ctx);
        final TradeStore store;
        try
        {
            store = TradeStore.open(new TradeStoreConfig()
                .dataDirectory(data).durability(durability).topology(topology)
                .orderCapacity(orderCapacity).positionCapacity(positionCapacity).instrumentCapacity(instrumentCapacity)
                .conclude(), server::onOutcome);
        }
        catch (final StoreException ex)
        {
            // e.g. a store created with other capacities, or a corrupt journal without --repair: one line, no trace
            throw new CliException(ex.getMessage());
        }
        try
        {
            server.start(store);
        }
        catch (final BindException ex)
        {
            store.close();
            throw new CliException("cannot listen on " + bind + ":" + port + ": " + ex.getMessage());
        }

        final CountDownLatch stopRequested = new CountDownLatch(1);
        StopSignals.onStop(stopRequested::countDown);
        System.err.printf("tradestore serve: %s (%s, %s) on %s, %d users, Ctrl-C to stop%n",
            data.getAbsolutePath(), durability, topology, server.localAddress(), credentials.size());
        stopRequested.await();

        server.close();
        store.close();
        System.err.println("tradestore serve: stopped cleanly; gateway counters:");
        System.err.print(server.counters().describeNonZero());
        return 0;
    }

    static Credentials loadCredentials(final Path file)
    {
        try
        {
            final Credentials credentials = Credentials.load(file);
            if (credentials.size() == 0)
            {
                throw new CliException(file + " has no users; add lines made by 'tradestore hash-password'");
            }
            return credentials;
        }
        catch (final NoSuchFileException ex)
        {
            throw new CliException("users file not found: " + file);
        }
        catch (final IOException ex)
        {
            throw new CliException("cannot read " + file + ": " + ex.getMessage());
        }
    }
}
