package io.tradestore.gateway.cli;

import io.tradestore.gateway.client.GatewayClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code load}: a load generator streaming a generated trading session to a running gateway.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
        "Stream a generated trading session (market data, orders, replaces, cancels, partial fills) to a gateway",
        "and report throughput and ack latency. The user needs roles trader+publisher and the accounts used.",
        "Password: --password-file, else the TRADESTORE_PASSWORD environment variable."
    })
final class LoadCommand implements Callable<Integer>
{
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "gateway host (default ${DEFAULT-VALUE})")
    private String host;

    @Option(names = "--port", defaultValue = "7001", description = "gateway port (default ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--events", required = true, description = "number of events to send")
    private int events;

    @Option(names = "--rate", defaultValue = "0", description = "events per second, 0 = as fast as acks allow")
    private long rate;

    @Option(names = "--accounts", defaultValue = "100", description = "accounts 1..K (default ${DEFAULT-VALUE})")
    private int accounts;

    @Option(names = "--instruments", defaultValue = "20",
        description = "instruments 1..M, at most the store's capacity (default ${DEFAULT-VALUE})")
    private int instruments;

    @Option(names = "--user", defaultValue = "load", description = "gateway user (default ${DEFAULT-VALUE})")
    private String user;

    @Option(names = "--password-file", description = "file whose first line is the password")
    private Path passwordFile;

    @Option(names = "--seed", description = "generator seed (default: random, printed)")
    private Long seed;

    @Option(names = "--first-order-id", description = "first order id (default: derived from the clock)")
    private Long firstOrderId;

    public Integer call() throws IOException
    {
        if (events <= 0 || accounts <= 0 || instruments <= 0 || rate < 0)
        {
            throw new CliException("--events, --accounts and --instruments must be positive, --rate >= 0");
        }
        final char[] password = password();
        final long actualSeed = null != seed ? seed : System.nanoTime();
        final long orderBase = null != firstOrderId ? firstOrderId : System.currentTimeMillis() * 1000;
        final WorkloadRunner runner = new WorkloadRunner(events);
        try (GatewayClient client = connect(runner))
        {
            client.logon(user, password, TimeUnit.SECONDS.toNanos(10));
            System.err.printf("load: %,d events to %s:%d, %d accounts, %d instruments, seed %d%n",
                events, host, port, accounts, instruments, actualSeed);
            runner.run(client, new Workload(actualSeed, accounts, 1, instruments, orderBase), events, rate);
        }
        System.out.printf("throughput: %,d events acknowledged in %.3f s = %,.0f events/s%n",
            runner.acked(), runner.elapsedNs() / 1e9, runner.acked() * 1e9 / runner.elapsedNs());
        System.out.printf("acks: %,d accepted, %,d rejected by the store, %,d rejected by the gateway%n",
            runner.accepted(), runner.storeRejected(), runner.gatewayRejected());
        System.out.println("ack latency (encode to ack): " + runner.latencies().describeMicros());
        return 0;
    }

    private GatewayClient connect(final WorkloadRunner runner)
    {
        try
        {
            return GatewayClient.connect(host, port, runner);
        }
        catch (final IOException ex)
        {
            throw new CliException("cannot connect to " + host + ":" + port + ": " + ex.getMessage());
        }
    }

    private char[] password() throws IOException
    {
        if (null != passwordFile)
        {
            final String content = Files.readString(passwordFile, StandardCharsets.UTF_8);
            final int end = content.indexOf('\n');
            return (end < 0 ? content : content.substring(0, end)).toCharArray();
        }
        final String env = System.getenv("TRADESTORE_PASSWORD");
        if (null == env)
        {
            throw new CliException("no password: use --password-file or set TRADESTORE_PASSWORD");
        }
        return env.toCharArray();
    }
}
