package io.tradestore.journal.tool;

import io.tradestore.journal.StoreCapacities;

import java.io.File;

/**
 * Options every audit tool shares: the data directory, the output format, the account filter, and the capacities
 * to assume for a data directory that does not record its own (one written before {@code store/capacities.dat}
 * existed). {@link VerifyTool} uses only the data directory and the assumed capacities. Not thread safe.
 */
public final class ToolOptions
{
    private File data;
    private OutputFormat format = OutputFormat.TEXT;
    private Long accountId;
    private StoreCapacities assumedCapacities = StoreCapacities.DEFAULTS;

    /**
     * @param data the data directory ({@code --data}); required.
     * @return this.
     */
    public ToolOptions data(final File data)
    {
        this.data = data;
        return this;
    }

    /**
     * @param format output format ({@code --format}); default text.
     * @return this.
     */
    public ToolOptions format(final OutputFormat format)
    {
        this.format = format;
        return this;
    }

    /**
     * @param accountId only this account ({@code --account}); null for all.
     * @return this.
     */
    public ToolOptions accountId(final Long accountId)
    {
        this.accountId = accountId;
        return this;
    }

    /**
     * @param assumedCapacities capacities to replay with when the data directory records none (the tool says so
     *                          on {@code err}); default {@link StoreCapacities#DEFAULTS}. Recorded capacities
     *                          always win.
     * @return this.
     */
    public ToolOptions assumedCapacities(final StoreCapacities assumedCapacities)
    {
        this.assumedCapacities = assumedCapacities;
        return this;
    }

    File data()
    {
        return data;
    }

    OutputFormat format()
    {
        return format;
    }

    Long accountId()
    {
        return accountId;
    }

    StoreCapacities assumedCapacities()
    {
        return assumedCapacities;
    }
}
