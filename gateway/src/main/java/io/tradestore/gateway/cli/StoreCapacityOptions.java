package io.tradestore.gateway.cli;

import io.tradestore.journal.tool.StoreCapacities;
import picocli.CommandLine.Option;

/**
 * Capacities the audit tools replay with: they decide ORDER_STORE_FULL, POSITION_STORE_FULL and
 * UNKNOWN_INSTRUMENT outcomes, so they must be the ones the store ran with (the defaults are serve's).
 */
final class StoreCapacityOptions
{
    @Option(names = "--order-capacity", defaultValue = "1000000", description = "orders the store ran with (default ${DEFAULT-VALUE})")
    long orderCapacity;

    @Option(names = "--position-capacity", defaultValue = "1000000",
        description = "positions the store ran with (default ${DEFAULT-VALUE})")
    long positionCapacity;

    @Option(names = "--instrument-capacity", defaultValue = "1024",
        description = "instruments the store ran with (default ${DEFAULT-VALUE})")
    int instrumentCapacity;

    StoreCapacities toCapacities()
    {
        return new StoreCapacities()
            .orderCapacity(orderCapacity)
            .positionCapacity(positionCapacity)
            .instrumentCapacity(instrumentCapacity);
    }
}
