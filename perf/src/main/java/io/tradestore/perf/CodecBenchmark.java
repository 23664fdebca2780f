package io.tradestore.perf;

import io.tradestore.core.MessageValidator;
import io.tradestore.core.sbe.MessageHeaderDecoder;
import io.tradestore.core.sbe.MessageHeaderEncoder;
import io.tradestore.core.sbe.NewOrderDecoder;
import io.tradestore.core.sbe.NewOrderEncoder;
import io.tradestore.core.sbe.Side;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The SBE codec of the hot path: encoding a NewOrder (header included) and decoding it back, and the
 * {@link MessageValidator} check every inbound frame goes through before a decoder touches it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark
{
    /** Reused flyweights over one direct buffer. */
    @State(Scope.Thread)
    public static class Codec
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(256, 64));
        final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
        final NewOrderEncoder encoder = new NewOrderEncoder();
        final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
        final NewOrderDecoder decoder = new NewOrderDecoder();
        long counter;

        /** Encode one NewOrder for the validation benchmark. */
        @Setup(Level.Trial)
        public void setUp()
        {
            encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
                .correlationId(1)
                .orderId(1)
                .accountId(42)
                .instrumentId(7)
                .side(Side.BUY)
                .price(1_000_000)
                .quantity(100);
        }
    }

    /**
     * @param codec flyweights and buffer.
     * @return a sum of the decoded fields, so nothing is dead code.
     */
    @Benchmark
    public long encodeDecodeNewOrder(final Codec codec)
    {
        final long n = ++codec.counter;
        codec.encoder.wrapAndApplyHeader(codec.buffer, 0, codec.headerEncoder)
            .correlationId(n)
            .orderId(n)
            .accountId(42)
            .instrumentId(7)
            .side((n & 1) == 0 ? Side.BUY : Side.SELL)
            .price(1_000_000 + (n & 1023))
            .quantity(100);

        final MessageHeaderDecoder header = codec.headerDecoder.wrap(codec.buffer, 0);
        final NewOrderDecoder decoder = codec.decoder.wrap(
            codec.buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        return decoder.orderId() + decoder.accountId() + decoder.instrumentId() + decoder.sideRaw() +
            decoder.price() + decoder.quantity() + decoder.correlationId();
    }

    /**
     * @param codec flyweights and buffer.
     * @return the template id.
     */
    @Benchmark
    public int validateNewOrder(final Codec codec)
    {
        final int templateId = MessageValidator.validate(
            codec.buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.BLOCK_LENGTH);
        if (templateId != NewOrderDecoder.TEMPLATE_ID)
        {
            throw new IllegalStateException("NewOrder failed validation with code " + templateId);
        }
        return templateId;
    }
}
