package io.tradestore.gateway;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tradestore.core.MessageValidator;
import io.tradestore.core.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jazzer fuzz test of the frame decoder and message validation. In the normal build it runs in regression mode:
 * only the seed inputs under {@code src/test/resources/.../FrameDecoderFuzzTestInputs} (and the empty input).
 * Fuzz for real with {@code JAZZER_FUZZ=1 mvn -B test -pl gateway -am -Dtest=FrameDecoderFuzzTest}.
 * <p>
 * Properties: never throws, never reads outside the input, consumed bytes are within the input, every delivered
 * frame lies inside the input, and a frame reported valid decodes with the header the validator saw.
 */
class FrameDecoderFuzzTest
{
    private static final int MAX_FRAME_LENGTH = 4096;

    private final FrameDecoder decoder = new FrameDecoder(MAX_FRAME_LENGTH);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private int inputLength;

    @FuzzTest(maxDuration = "30s")
    void fuzzFrameDecoder(final byte[] input)
    {
        inputLength = input.length;
        final UnsafeBuffer buffer = new UnsafeBuffer(input);
        int offset = 0;
        while (offset < input.length)
        {
            final int consumed = decoder.decode(buffer, offset, input.length - offset, this::check);
            if (consumed <= 0)
            {
                break;
            }
            offset += consumed;
            assertTrue(offset <= input.length);
        }
    }

    private int check(final DirectBuffer buffer, final int offset, final int length, final int templateId)
    {
        assertTrue(offset >= FrameDescriptor.HEADER_LENGTH && offset + length <= inputLength, "frame within input");
        assertTrue(length + FrameDescriptor.HEADER_LENGTH <= MAX_FRAME_LENGTH, "frame within the maximum");
        if (templateId > 0)
        {
            header.wrap(buffer, offset);
            assertTrue(header.templateId() == templateId);
            assertTrue(MessageValidator.validate(buffer, offset, length) == templateId);
        }
        return FrameHandler.CONTINUE;
    }
}
