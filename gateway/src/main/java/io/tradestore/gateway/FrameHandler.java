package io.tradestore.gateway;

import org.agrona.DirectBuffer;

/**
 * Receives the frames found by a {@link FrameDecoder}, one call per complete frame, on the decoding thread.
 * The buffer is only valid during the call.
 */
@FunctionalInterface
public interface FrameHandler
{
    /** The frame was consumed: continue with the next one. */
    int CONTINUE = 0;
    /** The frame was NOT consumed (for example the store pushed back): stop and offer it again later. */
    int ABORT = 1;
    /** The frame was consumed, but stop decoding now (for example the session is being closed). */
    int BREAK = 2;

    /**
     * @param buffer     holding the frame.
     * @param offset     of the SBE message header, just after the SOFH.
     * @param length     of the SBE message (frame length minus the SOFH).
     * @param templateId the SBE template id when {@code io.tradestore.core.MessageValidator} accepted the message,
     *                   otherwise its negative validation code; the frame boundaries are intact either way.
     * @return {@link #CONTINUE}, {@link #ABORT} or {@link #BREAK}.
     */
    int onFrame(DirectBuffer buffer, int offset, int length, int templateId);
}
