package io.tradestore.perf;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the two PNG charts of a {@link BenchTool} run with java.awt (headless): a latency percentile plot
 * (p50 .. max on the x axis, spaced as {@code log10(1 / (1 - p))}, latency on a log scale) and a horizontal
 * throughput bar chart on a log scale. Skipped rows are left out of the charts (the table says why).
 */
final class ChartWriter
{
    static final int WIDTH = 1200;
    static final int HEIGHT = 720;

    private static final String[] PERCENTILE_LABELS = {"p50", "p90", "p99", "p99.9", "max"};
    private static final double[] PERCENTILE_X = {Math.log10(2), 1, 2, 3, 4};
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
        new Color(0x000000), new Color(0x393b79), new Color(0xad494a), new Color(0x637939)};
    private static final float[][] DASHES = {null, {8f, 4f}, {2f, 3f}, {10f, 3f, 2f, 3f}};

    private ChartWriter()
    {
    }

    static void writeLatency(final List<BenchResult> results, final String subtitle, final File file)
        throws IOException
    {
        final List<BenchResult> rows = new ArrayList<>();
        for (final BenchResult result : results)
        {
            if (result.hasLatency())
            {
                rows.add(result);
            }
        }
        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = begin(image, "Latency by percentile (log scale; open-loop rows corrected for " +
            "coordinated omission)", subtitle);
        final int left = 90;
        final int top = 70;
        final int right = WIDTH - 420;
        final int bottom = HEIGHT - 70;

        long lowest = Long.MAX_VALUE;
        long highest = 1;
        for (final BenchResult row : rows)
        {
            lowest = Math.min(lowest, Math.max(1, row.p50Ns));
            highest = Math.max(highest, row.maxNs);
        }
        final double minExp = rows.isEmpty() ? 2 : Math.floor(Math.log10(Math.max(1, lowest)));
        final double maxExp = rows.isEmpty() ? 6 : Math.max(minExp + 1, Math.ceil(Math.log10(highest)));

        g.setColor(Color.BLACK);
        g.drawRect(left, top, right - left, bottom - top);
        for (double e = minExp; e <= maxExp; e++)
        {
            final int y = yLog(Math.pow(10, e), minExp, maxExp, top, bottom);
            g.setColor(new Color(0xdddddd));
            g.drawLine(left + 1, y, right - 1, y);
            g.setColor(Color.BLACK);
            final String label = nsLabel(Math.pow(10, e));
            g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 5);
        }
        for (int i = 0; i < PERCENTILE_X.length; i++)
        {
            final int x = xLinear(PERCENTILE_X[i], left, right);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, top + 1, x, bottom - 1);
            g.setColor(Color.BLACK);
            g.drawString(PERCENTILE_LABELS[i], x - g.getFontMetrics().stringWidth(PERCENTILE_LABELS[i]) / 2,
                bottom + 20);
        }
        g.drawString("percentile", (left + right) / 2 - 30, bottom + 45);
        drawVertical(g, "latency (log scale)", 25, (top + bottom) / 2);

        final Stroke plain = g.getStroke();
        for (int r = 0; r < rows.size(); r++)
        {
            final BenchResult row = rows.get(r);
            final long[] values = {row.p50Ns, row.p90Ns, row.p99Ns, row.p999Ns, row.maxNs};
            final Color color = PALETTE[r % PALETTE.length];
            final float[] dash = DASHES[(r / PALETTE.length + r) % DASHES.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
            int previousX = -1;
            int previousY = -1;
            for (int i = 0; i < values.length; i++)
            {
                final int x = xLinear(PERCENTILE_X[i], left, right);
                final int y = yLog(Math.max(1, values[i]), minExp, maxExp, top, bottom);
                if (previousX >= 0)
                {
                    g.drawLine(previousX, previousY, x, y);
                }
                g.fillOval(x - 4, y - 4, 8, 8);
                previousX = x;
                previousY = y;
            }
            final int legendY = top + 10 + r * 22;
            g.drawLine(right + 20, legendY, right + 60, legendY);
            g.setStroke(plain);
            g.setColor(Color.BLACK);
            g.drawString(row.label() + "  (p50 " + BenchReport.micros(row.p50Ns) + " µs)", right + 68, legendY + 5);
        }
        if (rows.isEmpty())
        {
            g.drawString("no latency measured", left + 20, top + 30);
        }
        finish(g, image, file);
    }

    static void writeThroughput(final List<BenchResult> results, final String subtitle, final File file)
        throws IOException
    {
        final List<BenchResult> rows = new ArrayList<>();
        for (final BenchResult result : results)
        {
            if (result.isMeasured() && "throughput".equals(result.mode) && result.throughputEventsPerSecond > 0)
            {
                rows.add(result);
            }
        }
        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = begin(image, "Throughput, events per second (log scale; higher is better)", subtitle);
        final int left = 330;
        final int top = 70;
        final int right = WIDTH - 60;
        final int bottom = HEIGHT - 70;

        double highest = 10;
        double lowest = Double.MAX_VALUE;
        for (final BenchResult row : rows)
        {
            highest = Math.max(highest, row.throughputEventsPerSecond);
            lowest = Math.min(lowest, row.throughputEventsPerSecond);
        }
        final double maxExp = Math.ceil(Math.log10(highest));
        final double minExp = rows.isEmpty() ? 3 : Math.min(maxExp - 1, Math.floor(Math.log10(lowest)) - 1);

        g.setColor(Color.BLACK);
        g.drawLine(left, top, left, bottom);
        g.drawLine(left, bottom, right, bottom);
        for (double e = minExp; e <= maxExp; e++)
        {
            final int x = xLog(Math.pow(10, e), minExp, maxExp, left, right);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, top, x, bottom - 1);
            g.setColor(Color.BLACK);
            final String label = BenchReport.rate(Math.pow(10, e));
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, bottom + 20);
        }
        g.drawString("events per second (log scale)", (left + right) / 2 - 90, bottom + 45);

        final int slot = rows.isEmpty() ? 1 : Math.min(70, (bottom - top) / rows.size());
        for (int r = 0; r < rows.size(); r++)
        {
            final BenchResult row = rows.get(r);
            final int y = top + r * slot + slot / 6;
            final int barHeight = Math.max(6, slot * 2 / 3);
            final int x = xLog(row.throughputEventsPerSecond, minExp, maxExp, left, right);
            g.setColor(PALETTE[r % PALETTE.length]);
            g.fillRect(left + 1, y, Math.max(1, x - left), barHeight);
            g.setColor(Color.BLACK);
            final String name = row.label() + " " + shortDurability(row.durability);
            g.drawString(name, left - 10 - g.getFontMetrics().stringWidth(name), y + barHeight / 2 + 5);
            final String value = BenchReport.rate(row.throughputEventsPerSecond) + "/s";
            final int valueWidth = g.getFontMetrics().stringWidth(value);
            final boolean inside = x - left > valueWidth + 20;
            g.setColor(inside ? Color.WHITE : Color.BLACK);
            g.drawString(value, inside ? x - valueWidth - 8 : x + 6, y + barHeight / 2 + 5);
        }
        if (rows.isEmpty())
        {
            g.drawString("no throughput measured", left + 20, top + 30);
        }
        finish(g, image, file);
    }

    private static String shortDurability(final String durability)
    {
        if (durability.startsWith("SYNC") || durability.startsWith("ASYNC"))
        {
            return "";
        }
        final int paren = durability.indexOf(' ');
        return "(" + (paren > 0 ? durability.substring(0, paren) : durability) + ")";
    }

    private static Graphics2D begin(final BufferedImage image, final String title, final String subtitle)
    {
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, 20, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(subtitle, 20, 50);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return g;
    }

    private static void finish(final Graphics2D g, final BufferedImage image, final File file) throws IOException
    {
        g.dispose();
        final File parent = file.getAbsoluteFile().getParentFile();
        if (null != parent && !parent.isDirectory() && !parent.mkdirs())
        {
            throw new IOException("cannot create " + parent);
        }
        if (!ImageIO.write(image, "png", file))
        {
            throw new IOException("no PNG writer available");
        }
    }

    private static void drawVertical(final Graphics2D g, final String text, final int x, final int centreY)
    {
        final FontMetrics metrics = g.getFontMetrics();
        final Graphics2D rotated = (Graphics2D)g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(text, -centreY - metrics.stringWidth(text) / 2, x);
        rotated.dispose();
    }

    private static int xLinear(final double value, final int left, final int right)
    {
        final double fraction = (value - PERCENTILE_X[0]) / (PERCENTILE_X[PERCENTILE_X.length - 1] - PERCENTILE_X[0]);
        return left + 30 + (int)Math.round(fraction * (right - left - 60));
    }

    private static int yLog(final double value, final double minExp, final double maxExp, final int top,
        final int bottom)
    {
        final double fraction = (Math.log10(value) - minExp) / (maxExp - minExp);
        return bottom - (int)Math.round(fraction * (bottom - top));
    }

    private static int xLog(final double value, final double minExp, final double maxExp, final int left,
        final int right)
    {
        final double fraction = (Math.log10(value) - minExp) / (maxExp - minExp);
        return left + (int)Math.round(Math.max(0, fraction) * (right - left));
    }

    static String nsLabel(final double ns)
    {
        if (ns >= 1e9)
        {
            return String.format(Locale.ROOT, "%.0f s", ns / 1e9);
        }
        if (ns >= 1e6)
        {
            return String.format(Locale.ROOT, "%.0f ms", ns / 1e6);
        }
        if (ns >= 1e3)
        {
            return String.format(Locale.ROOT, "%.0f µs", ns / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f ns", ns);
    }
}
