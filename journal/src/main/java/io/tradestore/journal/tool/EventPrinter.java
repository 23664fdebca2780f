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

/**
 * Decodes one journaled event into a row of named fields and prints it as text, JSON or CSV. Fields are the
 * schema's; MarketDataUpdate's {@code sequence} and {@code timestamp} fields are left out (always 0 on an
 * inbound, journaled message, and they would clash with the row's own {@code seq}/{@code timestamp}). Every
 * character printed is ASCII (numbers, ISO times, schema and enum names), so lines are built in a reused
 * StringBuilder and written to the stream as bytes in chunks of about 64 KiB, bypassing the stream's charset
 * encoder. Single thread; no allocation per event.
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
    private static final String[] SIDES = { "BUY", "SELL" };
    private static final int FLUSH_LENGTH = 64 * 1024;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancel = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replace = new ReplaceOrderDecoder();
    private final FillDecoder fill = new FillDecoder();
    private final MarketDataUpdateDecoder marketData = new MarketDataUpdateDecoder();
    private final TimeFormat timeFormat = new TimeFormat();
    private final StringBuilder line = new StringBuilder(FLUSH_LENGTH + 1024);
    private byte[] bytes = new byte[FLUSH_LENGTH + 1024];
    private final PrintStream out;
    private final OutputFormat format;

    final long[] values = new long[FIELDS.length];
    int present;
    int templateId;

    EventPrinter(final PrintStream out, final OutputFormat format)
    {
        this.out = out;
        this.format = format;
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

    static String typeName(final int templateId)
    {
        if (templateId < 0)
        {
            return "Malformed";
        }
        return templateId < TEMPLATE_NAMES.length ? TEMPLATE_NAMES[templateId] : "Unknown";
    }

    static String rejectName(final int outcome)
    {
        final RejectReason reason = RejectReason.get((short)outcome);
        return reason == RejectReason.NULL_VAL ? Integer.toString(outcome) : reason.name();
    }

    void header()
    {
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
            pad(line.append("SEQ"), 12 - 3);
            pad(line.append(" TIMESTAMP"), 31 - 10);
            pad(line.append(" TYPE"), 17 - 5);
            pad(line.append(" OUTCOME"), 9 - 8);
            pad(line.append(" REJECT"), 21 - 7);
            line.append(" FIELDS\n");
        }
    }

    /** Print the decoded event as one line. */
    void print(final long sequence, final long timestampNs, final int outcome)
    {
        final StringBuilder line = this.line;
        final boolean accepted = outcome == TradingStateMachine.ACCEPTED;
        final String type = typeName(templateId);
        final String reject = accepted ? "NONE" : rejectName(outcome);
        switch (format)
        {
            case JSON:
                line.append("{\"seq\":").append(sequence).append(",\"timestamp\":\"");
                timeFormat.append(line, timestampNs);
                line.append("\",\"type\":\"").append(type).append("\",\"outcome\":\"")
                    .append(accepted ? "ACCEPTED" : "REJECTED").append("\",\"rejectReason\":\"").append(reject)
                    .append('"');
                for (int i = 0; i < FIELDS.length; i++)
                {
                    if (has(i))
                    {
                        line.append(",\"").append(FIELDS[i]).append("\":");
                        if (i == SIDE)
                        {
                            line.append('"');
                            appendSide(line, values[i]);
                            line.append('"');
                        }
                        else
                        {
                            line.append(values[i]);
                        }
                    }
                }
                line.append("}\n");
                break;

            case CSV:
                line.append(sequence).append(',');
                timeFormat.append(line, timestampNs);
                line.append(',').append(type).append(',').append(accepted ? "ACCEPTED" : "REJECTED").append(',')
                    .append(reject);
                for (int i = 0; i < FIELDS.length; i++)
                {
                    line.append(',');
                    if (has(i))
                    {
                        if (i == SIDE)
                        {
                            appendSide(line, values[i]);
                        }
                        else
                        {
                            line.append(values[i]);
                        }
                    }
                }
                line.append('\n');
                break;

            default:
                final int start = line.length();
                line.append(sequence);
                pad(line, start + 12 - line.length());
                line.append(' ');
                timeFormat.append(line, timestampNs);
                line.append(' ').append(type);
                pad(line, start + 12 + 31 + 17 - line.length());
                line.append(' ').append(accepted ? "ACCEPTED" : "REJECTED");
                pad(line, start + 12 + 31 + 17 + 9 - line.length());
                line.append(' ').append(accepted ? "" : reject);
                pad(line, start + 12 + 31 + 17 + 9 + 21 - line.length());
                for (int i = 0; i < FIELDS.length; i++)
                {
                    if (has(i))
                    {
                        line.append(' ').append(FIELDS[i]).append('=');
                        if (i == SIDE)
                        {
                            appendSide(line, values[i]);
                        }
                        else
                        {
                            line.append(values[i]);
                        }
                    }
                }
                line.append('\n');
                break;
        }
        if (line.length() >= FLUSH_LENGTH)
        {
            flush();
        }
    }

    void flush()
    {
        final StringBuilder line = this.line;
        final int length = line.length();
        if (length > 0)
        {
            if (length > bytes.length)
            {
                bytes = new byte[length];
            }
            final byte[] bytes = this.bytes;
            for (int i = 0; i < length; i++)
            {
                bytes[i] = (byte)line.charAt(i);
            }
            out.write(bytes, 0, length);
            line.setLength(0);
        }
        out.flush();
    }

    private void set(final int field, final long value)
    {
        values[field] = value;
        present |= 1 << field;
    }

    private static void appendSide(final StringBuilder line, final long side)
    {
        if (side >= 0 && side < SIDES.length)
        {
            line.append(SIDES[(int)side]);
        }
        else
        {
            line.append(side);
        }
    }

    private static void pad(final StringBuilder line, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            line.append(' ');
        }
    }
}
