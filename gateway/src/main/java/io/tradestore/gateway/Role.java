package io.tradestore.gateway;

/**
 * What a gateway user may do. A user holds one or more roles (written {@code trader+subscriber} in the
 * credentials file).
 */
public enum Role
{
    /** Sends NewOrder, CancelOrder, ReplaceOrder and Fill for its permitted accounts only. */
    TRADER("trader"),
    /** Sends MarketDataUpdate. */
    PUBLISHER("publisher"),
    /** Subscribes to the market-data fan-out. */
    SUBSCRIBER("subscriber");

    private final String label;

    Role(final String label)
    {
        this.label = label;
    }

    /**
     * @return the name used in the credentials file.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return the bit of this role in a role mask.
     */
    public int bit()
    {
        return 1 << ordinal();
    }

    /**
     * @param label as written in the credentials file.
     * @return the role.
     * @throws IllegalArgumentException when unknown.
     */
    public static Role of(final String label)
    {
        for (final Role role : values())
        {
            if (role.label.equals(label))
            {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + label + "' (expected trader, publisher or subscriber)");
    }
}
