package io.tradestore.journal;

import org.agrona.DirectBuffer;

/**
 * Receives journal entries from {@link JournalReader#poll(JournalEntryHandler, int)}.
 */
@FunctionalInterface
public interface JournalEntryHandler
{
    /**
     * One complete, CRC-verified entry, delivered in sequence order on the reader's thread.
     *
     * @param sequence    contiguous store sequence of the event.
     * @param timestampNs ingest timestamp stamped by the ingress, ns since the epoch.
     * @param buffer      view over the mapped journal holding the SBE message; valid only during this call.
     * @param offset      of the SBE message header in {@code buffer}.
     * @param length      of the SBE message in bytes.
     */
    void onEntry(long sequence, long timestampNs, DirectBuffer buffer, int offset, int length);
}
