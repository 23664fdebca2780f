package io.tradestore.journal.tool;

import java.util.Locale;

/**
 * Output formats of {@link ReplayTool} and {@link StateTool}.
 */
public enum OutputFormat
{
    /** Aligned columns for people. */
    TEXT,
    /** One JSON object per line. */
    JSON,
    /** Comma-separated values with a header line. */
    CSV;

    /**
     * @param name {@code text}, {@code json} or {@code csv}, any case.
     * @return the format.
     * @throws IllegalArgumentException naming the accepted values.
     */
    public static OutputFormat parse(final String name)
    {
        try
        {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("unknown format '" + name + "': expected text, json or csv", ex);
        }
    }
}
