package io.tradestore.journal.tool;

import io.tradestore.core.MessageValidator;
import io.tradestore.core.TradingStateMachine;
import io.tradestore.core.sbe.CancelOrderDecoder;
import io.tradestore.core.sbe.FillDecoder;
import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.MessageHeaderDecoder;
import io.tradestore.core.sbe.NewOrderDecoder;
import io.tradestore.core.sbe.RejectReason;
import io.tradestore.core.sbe.ReplaceOrderDecoder;
import org.agrona.DirectBuffer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one journaled event into a row of named fields and prints it as text, JSON or CSV. Fields are the
 * schema's; MarketDataUpdate's {@code sequence} and {@code timestamp} fields are left out (always 0 on an
 * inbound, journaled message, and they would clash with the row's own {@code seq}/{@code timestamp}). Every
 * character printed is ASCII (numbers, ISO times, schema and enum names), so lines are encoded straight into a
 * reused byte array (numbers two digits per division, names copied from pre-encoded constants) and written to
 * the stream in chunks of about 1 MiB, bypassing strings and the stream's charset encoder. Single thread; no
 * allocation per event.
 */
final class EventPrinter
{
    static final int CORRELATION_ID = 0;
    static final int ORDER_ID = 1;
    static final int ACCOUNT_ID = 2;
    static final int INSTRUMENT_ID = 3;
    static final int SIDE = 4;
    static final int PRICE = 5;
    static final int QUANTITY = 6;
    static final int EXEC_ID = 7;
    static final int BID_PRICE = 8;
    static final int BID_QUANTITY = 9;
    static final int ASK_PRICE = 10;
    static final int ASK_QUANTITY = 11;
    static final int LAST_PRICE = 12;
    static final int LAST_QUANTITY = 13;
    static final String[] FIELDS = {
        "correlationId", "orderId", "accountId", "instrumentId", "side", "price", "quantity", "execId",
        "bidPrice", "bidQuantity", "askPrice", "askQuantity", "lastPrice", "lastQuantity" };
    static final String[] TEMPLATE_NAMES = {
        "Unknown", "Logon", "NewOrder", "CancelOrder", "ReplaceOrder", "Fill", "MarketDataUpdate", "Subscribe",
        "Heartbeat", "LogonResponse", "Ack" };
    private static final int FLUSH_LENGTH = 1024 * 1024;
    /** Longest line: 14 fields of at most ~35 bytes each plus the fixed part; far below this. */
    private static final int MAX_LINE_LENGTH = 4096;
    private static final byte[][] SIDES = { ascii("BUY"), ascii("SELL") };
    private static final byte[][] TYPE_NAMES = asciiAll(TEMPLATE_NAMES);
    private static final byte[] MALFORMED = ascii("Malformed");
    private static final byte[] ACCEPTED = ascii("ACCEPTED");
    private static final byte[] REJECTED = ascii("REJECTED");
    private static final byte[] NONE_NAME = ascii("NONE");
    private static final byte[] LONG_MIN_VALUE = ascii(Long.toString(Long.MIN_VALUE));
    private static final byte[][] REJECT_NAMES = rejectNames();
    private static final byte[] JSON_SEQ = ascii("{\"seq\":");
    private static final byte[] JSON_TIMESTAMP = ascii(",\"timestamp\":\"");
    private static final byte[] JSON_TYPE = ascii("\",\"type\":\"");
    private static final byte[] JSON_OUTCOME = ascii("\",\"outcome\":\"");
    private static final byte[] JSON_REJECT = ascii("\",\"rejectReason\":\"");
    private static final byte[][] JSON_FIELDS = new byte[FIELDS.length][];
    private static final byte[][] TEXT_FIELDS = new byte[FIELDS.length][];

    static
    {
        for (int i = 0; i < FIELDS.length; i++)
        {
            JSON_FIELDS[i] = ascii(",\"" + FIELDS[i] + "\":");
            TEXT_FIELDS[i] = ascii(" " + FIELDS[i] + "=");
        }
    }

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancel = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replace = new ReplaceOrderDecoder();
    private final FillDecoder fill = new FillDecoder();
    private final MarketDataUpdateDecoder marketData = new MarketDataUpdateDecoder();
    private final TimeFormat timeFormat = new TimeFormat();
    private final byte[] bytes;
    private int position;
    private final PrintStream out;
    private final OutputFormat format;

    final long[] values = new long[FIELDS.length];
    int present;
    int templateId;

    /**
     * @param out    where the lines go; null for an instance that only decodes (no output buffer).
     * @param format of the lines.
     */
    EventPrinter(final PrintStream out, final OutputFormat format)
    {
        this.out = out;
        this.format = format;
        this.bytes = new byte[out == null ? 0 : FLUSH_LENGTH + MAX_LINE_LENGTH];
    }

    /** Decode the event's fields into {@link #values}, {@link #present} and {@link #templateId}. */
    void decode(final DirectBuffer buffer, final int offset, final int length)
    {
        present = 0;
        templateId = MessageValidator.validate(buffer, offset, length);
        if (templateId < 0)
        {
            return;
        }
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                newOrder.wrap(buffer, body, blockLength, version);
                set(CORRELATION_ID, newOrder.correlationId());
                set(ORDER_ID, newOrder.orderId());
                set(ACCOUNT_ID, newOrder.accountId());
                set(INSTRUMENT_ID, newOrder.instrumentId());
                set(SIDE, newOrder.sideRaw());
                set(PRICE, newOrder.price());
                set(QUANTITY, newOrder.quantity());
                break;

            case CancelOrderDecoder.TEMPLATE_ID:
                cancel.wrap(buffer, body, blockLength, version);
                set(CORRELATION_ID, cancel.correlationId());
                set(ORDER_ID, cancel.orderId());
                set(ACCOUNT_ID, cancel.accountId());
                break;

            case ReplaceOrderDecoder.TEMPLATE_ID:
                replace.wrap(buffer, body, blockLength, version);
                set(CORRELATION_ID, replace.correlationId());
                set(ORDER_ID, replace.orderId());
                set(ACCOUNT_ID, replace.accountId());
                set(PRICE, replace.price());
                set(QUANTITY, replace.quantity());
                break;

            case FillDecoder.TEMPLATE_ID:
                fill.wrap(buffer, body, blockLength, version);
                set(CORRELATION_ID, fill.correlationId());
                set(EXEC_ID, fill.execId());
                set(ORDER_ID, fill.orderId());
                set(ACCOUNT_ID, fill.accountId());
                set(PRICE, fill.price());
                set(QUANTITY, fill.quantity());
                break;

            case MarketDataUpdateDecoder.TEMPLATE_ID:
                marketData.wrap(buffer, body, blockLength, version);
                set(CORRELATION_ID, marketData.correlationId());
                set(INSTRUMENT_ID, marketData.instrumentId());
                set(BID_PRICE, marketData.bidPrice());
                set(BID_QUANTITY, marketData.bidQuantity());
                set(ASK_PRICE, marketData.askPrice());
                set(ASK_QUANTITY, marketData.askQuantity());
                set(LAST_PRICE, marketData.lastPrice());
                set(LAST_QUANTITY, marketData.lastQuantity());
                break;

            default:
                break;
        }
    }

    boolean has(final int field)
    {
        return (present & (1 << field)) != 0;
    }

    void header()
    {
        final StringBuilder line = new StringBuilder(256);
        if (format == OutputFormat.CSV)
        {
            line.append("seq,timestamp,type,outcome,rejectReason");
            for (final String field : FIELDS)
            {
                line.append(',').append(field);
            }
            line.append('\n');
        }
        else if (format == OutputFormat.TEXT)
        {
            line.append(String.format("%-12s %-30s %-16s %-8s %-20s FIELDS\n",
                "SEQ", "TIMESTAMP", "TYPE", "OUTCOME", "REJECT"));
        }
        position = put(bytes, position, ascii(line.toString()));
    }

    /** Print the decoded event as one line. */
    void print(final long sequence, final long timestampNs, final int outcome)
    {
        final byte[] buffer = this.bytes;
        final boolean accepted = outcome == TradingStateMachine.ACCEPTED;
        final byte[] type = templateId < 0 ? MALFORMED : TYPE_NAMES[templateId < TYPE_NAMES.length ? templateId : 0];
        final byte[] outcomeName = accepted ? ACCEPTED : REJECTED;
        int at = position;
        switch (format)
        {
            case JSON:
                at = put(buffer, at, JSON_SEQ);
                at = putLong(buffer, at, sequence);
                at = put(buffer, at, JSON_TIMESTAMP);
                at = timeFormat.put(buffer, at, timestampNs);
                at = put(buffer, at, JSON_TYPE);
                at = put(buffer, at, type);
                at = put(buffer, at, JSON_OUTCOME);
                at = put(buffer, at, outcomeName);
                at = put(buffer, at, JSON_REJECT);
                at = accepted ? put(buffer, at, NONE_NAME) : putReject(buffer, at, outcome);
                buffer[at++] = '"';
                for (int i = 0; i < FIELDS.length; i++)
                {
                    if (has(i))
                    {
                        at = put(buffer, at, JSON_FIELDS[i]);
                        at = i == SIDE ? putQuotedSide(buffer, at, values[i]) : putLong(buffer, at, values[i]);
                    }
                }
                buffer[at++] = '}';
                buffer[at++] = '\n';
                break;

            case CSV:
                at = putLong(buffer, at, sequence);
                buffer[at++] = ',';
                at = timeFormat.put(buffer, at, timestampNs);
                buffer[at++] = ',';
                at = put(buffer, at, type);
                buffer[at++] = ',';
                at = put(buffer, at, outcomeName);
                buffer[at++] = ',';
                at = accepted ? put(buffer, at, NONE_NAME) : putReject(buffer, at, outcome);
                for (int i = 0; i < FIELDS.length; i++)
                {
                    buffer[at++] = ',';
                    if (has(i))
                    {
                        at = i == SIDE ? putSide(buffer, at, values[i]) : putLong(buffer, at, values[i]);
                    }
                }
                buffer[at++] = '\n';
                break;

            default:
                final int start = at;
                at = putLong(buffer, at, sequence);
                at = pad(buffer, at, start + 12);
                buffer[at++] = ' ';
                at = timeFormat.put(buffer, at, timestampNs);
                buffer[at++] = ' ';
                at = put(buffer, at, type);
                at = pad(buffer, at, start + 12 + 31 + 17);
                buffer[at++] = ' ';
                at = put(buffer, at, outcomeName);
                at = pad(buffer, at, start + 12 + 31 + 17 + 9);
                buffer[at++] = ' ';
                if (!accepted)
                {
                    at = putReject(buffer, at, outcome);
                }
                at = pad(buffer, at, start + 12 + 31 + 17 + 9 + 21);
                for (int i = 0; i < FIELDS.length; i++)
                {
                    if (has(i))
                    {
                        at = put(buffer, at, TEXT_FIELDS[i]);
                        at = i == SIDE ? putSide(buffer, at, values[i]) : putLong(buffer, at, values[i]);
                    }
                }
                buffer[at++] = '\n';
                break;
        }
        position = at;
        if (at >= FLUSH_LENGTH)
        {
            write();
        }
    }

    /** Write what is buffered and flush the stream. */
    void flush()
    {
        write();
        out.flush();
    }

    private void write()
    {
        if (position > 0)
        {
            out.write(bytes, 0, position);
            position = 0;
        }
    }

    private static int put(final byte[] buffer, final int index, final byte[] ascii)
    {
        System.arraycopy(ascii, 0, buffer, index, ascii.length);
        return index + ascii.length;
    }

    /** Write {@code value} in decimal ASCII, two digits per division (as {@code Long.toString} does). */
    static int putLong(final byte[] buffer, final int index, final long value)
    {
        if (value < 0)
        {
            if (value == Long.MIN_VALUE)
            {
                return put(buffer, index, LONG_MIN_VALUE);
            }
            buffer[index] = '-';
            return putLong(buffer, index + 1, -value);
        }
        int digits = 1;
        for (long power = 10; digits < 19 && value >= power; power *= 10)
        {
            digits++;
        }
        final int end = index + digits;
        int at = end;
        long remaining = value;
        while (remaining >= 100)
        {
            final long quotient = remaining / 100;
            final int pair = (int)(remaining - quotient * 100);
            buffer[--at] = (byte)('0' + pair % 10);
            buffer[--at] = (byte)('0' + pair / 10);
            remaining = quotient;
        }
        if (remaining >= 10)
        {
            buffer[--at] = (byte)('0' + remaining % 10);
            buffer[--at] = (byte)('0' + remaining / 10);
        }
        else
        {
            buffer[--at] = (byte)('0' + remaining);
        }
        return end;
    }

    private static int putReject(final byte[] buffer, final int index, final int outcome)
    {
        if (outcome >= 0 && outcome < REJECT_NAMES.length && REJECT_NAMES[outcome] != null)
        {
            return put(buffer, index, REJECT_NAMES[outcome]);
        }
        return putLong(buffer, index, outcome);
    }

    private static int putSide(final byte[] buffer, final int index, final long side)
    {
        return side >= 0 && side < SIDES.length ? put(buffer, index, SIDES[(int)side]) : putLong(buffer, index, side);
    }

    private static int putQuotedSide(final byte[] buffer, final int index, final long side)
    {
        buffer[index] = '"';
        final int at = putSide(buffer, index + 1, side);
        buffer[at] = '"';
        return at + 1;
    }

    private static int pad(final byte[] buffer, final int index, final int column)
    {
        int at = index;
        while (at < column)
        {
            buffer[at++] = ' ';
        }
        return at;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] asciiAll(final String[] texts)
    {
        final byte[][] encoded = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++)
        {
            encoded[i] = ascii(texts[i]);
        }
        return encoded;
    }

    private static byte[][] rejectNames()
    {
        final byte[][] names = new byte[RejectReason.NULL_VAL.value()][];
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason != RejectReason.NULL_VAL)
            {
                names[reason.value()] = ascii(reason.name());
            }
        }
        return names;
    }

    private void set(final int field, final long value)
    {
        values[field] = value;
        present |= 1 << field;
    }
}
