package io.tradestore.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.tradestore.core.MarketDataStore;
import io.tradestore.core.MessageValidator;
import io.tradestore.core.OrderStore;
import io.tradestore.core.PositionStore;
import io.tradestore.core.StateDigest;
import io.tradestore.core.StoreQueries;
import io.tradestore.core.sbe.CancelOrderDecoder;
import io.tradestore.core.sbe.FillDecoder;
import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.MessageHeaderEncoder;
import io.tradestore.core.sbe.NewOrderDecoder;
import io.tradestore.core.sbe.RejectReason;
import io.tradestore.core.sbe.ReplaceOrderDecoder;
import io.tradestore.core.sbe.Side;
import io.tradestore.journal.BackgroundListener;
import io.tradestore.journal.CountersDescriptor;
import io.tradestore.journal.StoreEngine;
import io.tradestore.journal.Threads;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

import java.io.File;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The embedded store: a Disruptor pipeline (ingress → journal → apply → egress) over a recovered
 * {@link StoreEngine}.
 * <p>
 * Publishing is allocation-free and safe from any number of threads: each call claims a preallocated ring slot,
 * writes the SBE bytes into it (copying a caller's message, or encoding the typed call straight into the slot),
 * stamps the store sequence and ingest timestamp and publishes. Nothing reaches the stores before it is
 * journaled. Outcomes go to the {@link OutcomeListener} on the egress thread and can be awaited by sequence.
 * <pre>{@code
 * try (TradeStore store = TradeStore.open(new TradeStoreConfig().dataDirectory(dir), OutcomeListener.NO_OP))
 * {
 *     final long seq = store.tryNewOrder(1, 42, 7, 3, Side.BUY, 1_000_0000, 100);
 *     final int outcome = store.awaitOutcome(seq, TimeUnit.SECONDS.toNanos(1));
 * }
 * }</pre>
 */
public final class TradeStore implements AutoCloseable
{
    /** {@link #awaitOutcome(long, long)} timed out. */
    public static final int AWAIT_TIMED_OUT = -1;
    /** {@link #awaitOutcome(long, long)}: the outcome was overwritten by later events before it was read. */
    public static final int AWAIT_LAPPED = -2;
    /** {@link #awaitOutcome(long, long)}: the store halted before the event completed. */
    public static final int AWAIT_HALTED = -3;

    /** How long {@link #close()} waits for the pipeline to drain before it halts it. */
    public static final long SHUTDOWN_TIMEOUT_MS = 30_000;
    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int STORE_HALTED = RejectReason.STORE_HALTED.value();

    private final TradeStoreConfig config;
    private final StoreEngine engine;
    private final PipelineCounters counters;
    private final PipelineState state;
    private final StageThreadFactory stageThreads;
    private final Disruptor<RingSlot> disruptor;
    private final RingBuffer<RingSlot> ringBuffer;
    private final EgressStage egress;
    private final AtomicLong completedSequence;
    private final long firstSequence;
    private final StoreQueries queries;
    private final EpochNanoClock clock = new OffsetEpochNanoClock();
    private final EventPoller<RingSlot> poller;
    private final EventPoller.Handler<RingSlot> pollHandler;
    private final AtomicBoolean driving = new AtomicBoolean();
    private Thread workingThread;
    private boolean drained;
    private volatile boolean closed;

    private TradeStore(final TradeStoreConfig config, final OutcomeListener listener)
    {
        this.config = config;
        final File dataDirectory = config.dataDirectory();
        engine = StoreEngine.open(config.journalConfig());
        try
        {
            counters = PipelineCounters.create(new File(dataDirectory, CountersDescriptor.FILE_NAME));
            state = new PipelineState(new File(dataDirectory, "errors.log"));
            firstSequence = engine.nextSequence();
            queries = new StoreQueries(engine.orders(), engine.positions(), engine.marketData());
            completedSequence = new AtomicLong(firstSequence - 1);
            counters.journalSequence.setRelease(firstSequence - 1);
            counters.appliedSequence.setRelease(firstSequence - 1);
            engine.backgroundListener(new BackgroundReporter(counters, state));

            final FatalExceptionHandler fatal = new FatalExceptionHandler(state, counters);
            final JournalStage journal = new JournalStage(engine, state, counters);
            final ApplyStage apply = new ApplyStage(engine, state, counters);
            egress = new EgressStage(listener, counters, config.ringSize(), completedSequence);
            final Topology topology = config.topology();
            final SingleThreadStage single = topology == Topology.SINGLE || topology == Topology.INVOKED ?
                new SingleThreadStage(journal, apply, egress, fatal) : null;
            final JournalApplyStage combined = topology == Topology.COMBINED ?
                new JournalApplyStage(journal, apply) : null;
            if (topology == Topology.INVOKED)
            {
                stageThreads = null;
                disruptor = null;
                // nobody ever waits on this ring (the owner polls it), so publishing must not signal anyone: a
                // blocking strategy would take a lock on every publish
                ringBuffer = RingBuffer.createMultiProducer(
                    RingSlot.factory(config.ringSize()), config.ringSize(), new BusySpinWaitStrategy());
                poller = ringBuffer.newPoller();
                ringBuffer.addGatingSequences(poller.getSequence());
                pollHandler = single.pollHandler();
                single.onStart();
            }
            else
            {
                poller = null;
                pollHandler = null;
                stageThreads = new StageThreadFactory(topology);
                disruptor = new Disruptor<>(
                    RingSlot.factory(config.ringSize()),
                    config.ringSize(),
                    stageThreads,
                    ProducerType.MULTI,
                    config.waitMode().newStrategy(engine.writer()::touchAhead));
                disruptor.setDefaultExceptionHandler(fatal);
                switch (topology)
                {
                    case SINGLE:
                        disruptor.handleEventsWith(single);
                        break;
                    case COMBINED:
                        disruptor.handleEventsWith(combined).then(egress);
                        break;
                    default:
                        disruptor.handleEventsWith(journal).then(apply).then(egress);
                        break;
                }
                ringBuffer = disruptor.getRingBuffer();
            }
            egress.ringBuffer(ringBuffer);
            if (null != single)
            {
                single.ringBuffer(ringBuffer);
            }
            if (null != combined)
            {
                combined.ringBuffer(ringBuffer);
            }
            if (null != disruptor)
            {
                disruptor.start();
            }
        }
        catch (final RuntimeException ex)
        {
            engine.close();
            throw ex;
        }
    }

    /**
     * Open the store: recover the data directory (see {@link StoreEngine}) and start the pipeline threads.
     *
     * @param config   validated or not yet concluded configuration.
     * @param listener receives every outcome on the egress thread.
     * @return the running store.
     */
    public static TradeStore open(final TradeStoreConfig config, final OutcomeListener listener)
    {
        if (!config.isConcluded())
        {
            config.conclude();
        }
        return new TradeStore(config, null == listener ? OutcomeListener.NO_OP : listener);
    }

    /**
     * Publish an SBE message (header and body) of NewOrder, CancelOrder, ReplaceOrder, Fill or MarketDataUpdate
     * without blocking. The bytes are copied into the ring slot. Any thread.
     *
     * @param sessionId passed back to the listener with the outcome (0 for embedded callers).
     * @param buffer    holding the message.
     * @param offset    of the SBE header.
     * @param length    of the message.
     * @return the store sequence (&gt; 0), or a negative {@link PublishStatus}.
     */
    public long tryPublish(final long sessionId, final DirectBuffer buffer, final int offset, final int length)
    {
        final long refusal = refusal();
        if (refusal != 0)
        {
            return refusal;
        }
        final int templateId = MessageValidator.validate(buffer, offset, length);
        if (!isStateEvent(templateId) || length > RingSlot.MAX_MESSAGE_LENGTH)
        {
            return PublishStatus.INVALID_MESSAGE;
        }

        final long ringSequence;
        try
        {
            ringSequence = ringBuffer.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            counters.backPressured.increment();
            return PublishStatus.BACK_PRESSURED;
        }

        final RingSlot slot = ringBuffer.get(ringSequence);
        slot.buffer.putBytes(0, buffer, offset, length);
        return stampAndPublish(slot, ringSequence, sessionId, templateId, length);
    }

    /**
     * Publish an SBE message, waiting up to {@code timeoutNs} while the ring is full. Any thread.
     *
     * @param sessionId passed back to the listener.
     * @param buffer    holding the message.
     * @param offset    of the SBE header.
     * @param length    of the message.
     * @param timeoutNs how long to wait for ring capacity.
     * @return the store sequence (&gt; 0), or a negative {@link PublishStatus} ({@code BACK_PRESSURED} on timeout).
     */
    public long publish(final long sessionId, final DirectBuffer buffer, final int offset, final int length, final long timeoutNs)
    {
        long result = tryPublish(sessionId, buffer, offset, length);
        if (result != PublishStatus.BACK_PRESSURED)
        {
            return result;
        }
        final long deadlineNs = System.nanoTime() + timeoutNs;
        int idle = 0;
        while (result == PublishStatus.BACK_PRESSURED && System.nanoTime() - deadlineNs < 0)
        {
            idle = idle(idle);
            result = tryPublish(sessionId, buffer, offset, length);
        }
        return result;
    }

    /**
     * Publish a NewOrder, encoded straight into the ring slot. Any thread; allocation-free.
     *
     * @param correlationId returned with the outcome.
     * @param orderId       unique order id.
     * @param accountId     owning account.
     * @param instrumentId  instrument.
     * @param side          side.
     * @param price         limit price, 4 implied decimals.
     * @param quantity      quantity.
     * @return the store sequence (&gt; 0), or a negative {@link PublishStatus}.
     */
    public long tryNewOrder(
        final long correlationId,
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity)
    {
        final long ringSequence = claim();
        if (ringSequence < 0)
        {
            return ringSequence;
        }
        final RingSlot slot = ringBuffer.get(ringSequence);
        slot.newOrderEncoder.wrapAndApplyHeader(slot.buffer, 0, slot.headerEncoder)
            .correlationId(correlationId)
            .orderId(orderId)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .side(side)
            .price(price)
            .quantity(quantity);
        return stampAndPublish(slot, ringSequence, 0, NewOrderDecoder.TEMPLATE_ID, HEADER_LENGTH + NewOrderDecoder.BLOCK_LENGTH);
    }

    /**
     * Publish a CancelOrder. Any thread; allocation-free.
     *
     * @param correlationId returned with the outcome.
     * @param orderId       order to cancel.
     * @param accountId     the order's account.
     * @return the store sequence (&gt; 0), or a negative {@link PublishStatus}.
     */
    public long tryCancelOrder(final long correlationId, final long orderId, final long accountId)
    {
        final long ringSequence = claim();
        if (ringSequence < 0)
        {
            return ringSequence;
        }
        final RingSlot slot = ringBuffer.get(ringSequence);
        slot.cancelOrderEncoder.wrapAndApplyHeader(slot.buffer, 0, slot.headerEncoder)
            .correlationId(correlationId)
            .orderId(orderId)
            .accountId(accountId);
        return stampAndPublish(
            slot, ringSequence, 0, CancelOrderDecoder.TEMPLATE_ID, HEADER_LENGTH + CancelOrderDecoder.BLOCK_LENGTH);
    }

    /**
     * Publish a ReplaceOrder. Any thread; allocation-free.
     *
     * @param correlationId returned with the outcome.
     * @param orderId       order to replace.
     * @param accountId     the order's account.
     * @param price         new limit price.
     * @param quantity      new total quantity.
     * @return the store sequence (&gt; 0), or a negative {@link PublishStatus}.
     */
    public long tryReplaceOrder(
        final long correlationId, final long orderId, final long accountId, final long price, final long quantity)
    {
        final long ringSequence = claim();
        if (ringSequence < 0)
        {
            return ringSequence;
        }
        final RingSlot slot = ringBuffer.get(ringSequence);
        slot.replaceOrderEncoder.wrapAndApplyHeader(slot.buffer, 0, slot.headerEncoder)
            .correlationId(correlationId)
            .orderId(orderId)
            .accountId(accountId)
            .price(price)
            .quantity(quantity);
        return stampAndPublish(
            slot, ringSequence, 0, ReplaceOrderDecoder.TEMPLATE_ID, HEADER_LENGTH + ReplaceOrderDecoder.BLOCK_LENGTH);
    }

    /**
     * Publish a Fill. Any thread; allocation-free.
     *
     * @param correlationId returned with the outcome.
     * @param execId        execution id.
     * @param orderId       filled order.
     * @param accountId     the order's account.
     * @param price         execution price.
     * @param quantity      executed quantity.
     * @return the store sequence (&gt; 0), or a negative {@link PublishStatus}.
     */
    public long tryFill(
        final long correlationId,
        final long execId,
        final long orderId,
        final long accountId,
        final long price,
        final long quantity)
    {
        final long ringSequence = claim();
        if (ringSequence < 0)
        {
            return ringSequence;
        }
        final RingSlot slot = ringBuffer.get(ringSequence);
        slot.fillEncoder.wrapAndApplyHeader(slot.buffer, 0, slot.headerEncoder)
            .correlationId(correlationId)
            .execId(execId)
            .orderId(orderId)
            .accountId(accountId)
            .price(price)
            .quantity(quantity);
        return stampAndPublish(slot, ringSequence, 0, FillDecoder.TEMPLATE_ID, HEADER_LENGTH + FillDecoder.BLOCK_LENGTH);
    }

    /**
     * Publish a MarketDataUpdate. Any thread; allocation-free.
     *
     * @param correlationId returned with the outcome.
     * @param instrumentId  instrument.
     * @param bidPrice      best bid (0 = none).
     * @param bidQuantity   best bid quantity.
     * @param askPrice      best ask (0 = none).
     * @param askQuantity   best ask quantity.
     * @param lastPrice     last trade price (0 = no trade in this update).
     * @param lastQuantity  last trade quantity.
     * @return the store sequence (&gt; 0), or a negative {@link PublishStatus}.
     */
    public long tryMarketDataUpdate(
        final long correlationId,
        final int instrumentId,
        final long bidPrice,
        final long bidQuantity,
        final long askPrice,
        final long askQuantity,
        final long lastPrice,
        final long lastQuantity)
    {
        final long ringSequence = claim();
        if (ringSequence < 0)
        {
            return ringSequence;
        }
        final RingSlot slot = ringBuffer.get(ringSequence);
        slot.marketDataEncoder.wrapAndApplyHeader(slot.buffer, 0, slot.headerEncoder)
            .correlationId(correlationId)
            .instrumentId(instrumentId)
            .bidPrice(bidPrice)
            .bidQuantity(bidQuantity)
            .askPrice(askPrice)
            .askQuantity(askQuantity)
            .lastPrice(lastPrice)
            .lastQuantity(lastQuantity)
            .sequence(0)
            .timestamp(0);
        return stampAndPublish(slot, ringSequence, 0, MarketDataUpdateDecoder.TEMPLATE_ID,
            HEADER_LENGTH + MarketDataUpdateDecoder.BLOCK_LENGTH);
    }

    /**
     * Wait until the event with this sequence has completed (journaled, applied, delivered to the listener).
     * Any thread; allocation-free; spins, then yields, then parks.
     *
     * @param sequence  returned by a publish call.
     * @param timeoutNs how long to wait.
     * @return the outcome (0 accepted, else the RejectReason value), or {@link #AWAIT_TIMED_OUT},
     * {@link #AWAIT_LAPPED} or {@link #AWAIT_HALTED}.
     */
    public int awaitOutcome(final long sequence, final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        int idle = 0;
        while (completedSequence.getAcquire() < sequence)
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                return state.isHalted() ? AWAIT_HALTED : AWAIT_TIMED_OUT;
            }
            idle = idle(idle);
        }
        final int outcome = egress.outcome(sequence);
        return outcome < 0 ? AWAIT_LAPPED : outcome;
    }

    /**
     * One duty cycle of a {@link Topology#INVOKED} pipeline: journal, apply and deliver the outcomes of every event
     * published so far, on the calling thread, as one batch (one {@code sync()} in SYNC mode). With nothing to do it
     * touches the next journal page instead. Call it from one owner thread at a time (e.g. compose it into an Agrona
     * agent's {@code doWork}); a concurrent call from a second thread returns 0 without waiting. Allocation-free.
     *
     * @return the number of events processed.
     * @throws IllegalStateException when the store runs its own pipeline threads (any other topology).
     */
    public int doWork()
    {
        if (null == poller)
        {
            throw new IllegalStateException("doWork() drives a Topology.INVOKED store; this one runs " +
                config.topology() + " pipeline threads");
        }
        if (!driving.compareAndSet(false, true))
        {
            return 0;
        }
        try
        {
            if (drained)
            {
                return 0;
            }
            workingThread = Thread.currentThread();
            // the driving thread may change (the agent, then close() draining): the CAS above orders the hand-over
            engine.writer().handOverToCallingThread();
            final Sequence processed = poller.getSequence();
            final long before = processed.get();
            poller.poll(pollHandler);
            final int work = (int)(processed.get() - before);
            if (0 == work)
            {
                engine.writer().touchAhead();
            }
            return work;
        }
        catch (final Exception ex)
        {
            // the poll handler catches everything itself; this is the poller failing
            state.halt("pipeline poll failed: " + ex, ex, counters);
            return 0;
        }
        finally
        {
            // a thread reads its own last write of this field, so close() can tell when it runs inside doWork()
            workingThread = null;
            driving.setRelease(false);
        }
    }

    /** @return the highest sequence whose outcome has been delivered. */
    public long completedSequence()
    {
        return completedSequence.getAcquire();
    }

    /** @return true when the pipeline has halted after a fatal error. */
    public boolean isHalted()
    {
        return state.isHalted();
    }

    /** @return why the pipeline halted, or null. */
    public String haltReason()
    {
        return state.haltReason();
    }

    /** @return the recovered engine: stores, state machine, journal. */
    public StoreEngine engine()
    {
        return engine;
    }

    /** @return the order store (read from any thread through {@link OrderStore#newReader()}). */
    public OrderStore orders()
    {
        return engine.orders();
    }

    /** @return the position store (read from any thread through {@link PositionStore#newReader()}). */
    public PositionStore positions()
    {
        return engine.positions();
    }

    /** @return the market-data store (seqlock reads from any thread). */
    public MarketDataStore marketData()
    {
        return engine.marketData();
    }

    /** @return the query API over the live stores; any thread, each call copies what it returns. */
    public StoreQueries queries()
    {
        return queries;
    }

    /** @return the number of snapshots written since open. */
    public long snapshotsTaken()
    {
        return engine.snapshotsTaken();
    }

    /**
     * Digest of the whole state. Consistent only when no events are in flight (e.g. after
     * {@link #awaitOutcome(long, long)} of the last published sequence with no other producers).
     *
     * @return the {@link StateDigest} value.
     */
    public long digest()
    {
        return StateDigest.of(engine.orders(), engine.positions(), engine.marketData());
    }

    /** @return the configuration the store runs with. */
    public TradeStoreConfig config()
    {
        return config;
    }

    /**
     * Drain the ring, stop the stage threads and close the engine (which writes the clean-shutdown marker unless
     * the pipeline halted). A {@link Topology#INVOKED} store drains on the calling thread; its owner should stop
     * calling {@link #doWork()} first (a call that races with close is safe and does nothing once drained).
     * Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        if (workingThread == Thread.currentThread())
        {
            // inside doWork() (an outcome listener): draining here could never finish, doWork holds the pipeline
            throw new IllegalStateException("TradeStore.close() called from inside doWork(), e.g. from the outcome " +
                "listener; close the store from the owner's thread after doWork() returns");
        }
        closed = true;
        if (null != disruptor)
        {
            try
            {
                disruptor.shutdown(SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
            catch (final TimeoutException ex)
            {
                disruptor.halt();
                state.halt("pipeline did not drain within " + SHUTDOWN_TIMEOUT_MS + " ms", ex, counters);
            }
            // halt() only asks the stage threads to stop; one still inside an event would write to the stores and
            // counters after they are unmapped, which crashes the JVM instead of throwing
            final Thread running = stageThreads.awaitTermination(SHUTDOWN_TIMEOUT_MS);
            if (null != running)
            {
                state.halt("stage thread " + running.getName() + " did not stop within " + SHUTDOWN_TIMEOUT_MS +
                    " ms; the journal, stores and counters are left open and mapped", null, counters);
                return;
            }
        }
        else
        {
            drainInvoked();
        }
        try
        {
            if (state.isHalted())
            {
                engine.closeWithoutCleanShutdown();
            }
            else
            {
                engine.close();
            }
        }
        finally
        {
            counters.close();
        }
    }

    private void drainInvoked()
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_TIMEOUT_MS);
        while (poller.getSequence().get() < ringBuffer.getCursor())
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                state.halt("pipeline did not drain within " + SHUTDOWN_TIMEOUT_MS + " ms", null, counters);
                break;
            }
            if (0 == doWork())
            {
                Thread.yield();
            }
        }
        while (!driving.compareAndSet(false, true))
        {
            Thread.yield();
        }
        drained = true;
        driving.set(false);
    }

    private long refusal()
    {
        if (closed)
        {
            return PublishStatus.CLOSED;
        }
        if (state.isHalted())
        {
            return PublishStatus.HALTED;
        }
        if (engine.diskSpace().refuseIngress())
        {
            counters.diskFullRefusals.increment();
            return PublishStatus.DISK_FULL;
        }
        return 0;
    }

    private long claim()
    {
        final long refusal = refusal();
        if (refusal != 0)
        {
            return refusal;
        }
        try
        {
            return ringBuffer.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            counters.backPressured.increment();
            return PublishStatus.BACK_PRESSURED;
        }
    }

    private long stampAndPublish(
        final RingSlot slot, final long ringSequence, final long sessionId, final int templateId, final int length)
    {
        final long sequence = firstSequence + ringSequence;
        slot.sequence = sequence;
        slot.timestampNs = clock.nanoTime();
        slot.sessionId = sessionId;
        slot.templateId = templateId;
        slot.length = length;
        slot.correlationId = slot.buffer.getLong(HEADER_LENGTH, ByteOrder.LITTLE_ENDIAN);
        // until apply has ruled on it, an event's outcome is STORE_HALTED: egress can never report a slot that an
        // exception kept from apply as accepted
        slot.rejectReason = STORE_HALTED;
        slot.orderStatus = -1;
        slot.journaled = false;
        ringBuffer.publish(ringSequence);
        return sequence;
    }

    private static boolean isStateEvent(final int templateId)
    {
        return templateId == NewOrderDecoder.TEMPLATE_ID ||
            templateId == CancelOrderDecoder.TEMPLATE_ID ||
            templateId == ReplaceOrderDecoder.TEMPLATE_ID ||
            templateId == FillDecoder.TEMPLATE_ID ||
            templateId == MarketDataUpdateDecoder.TEMPLATE_ID;
    }

    private static int idle(final int idle)
    {
        if (idle < 100)
        {
            Thread.onSpinWait();
        }
        else if (idle < 200)
        {
            Thread.yield();
        }
        else
        {
            LockSupport.parkNanos(50_000);
        }
        return idle + 1;
    }

    /** Publishes the engine's background threads' news: the snapshot count, and failures to the error log. */
    private static final class BackgroundReporter implements BackgroundListener
    {
        private final PipelineCounters counters;
        private final PipelineState state;

        BackgroundReporter(final PipelineCounters counters, final PipelineState state)
        {
            this.counters = counters;
            this.state = state;
        }

        @Override
        public synchronized void onSnapshot(final long snapshotsTaken)
        {
            // synchronized: registration (the opening thread) and the agent may both report; proposeMax alone is a
            // read then a write, and the count must never go back
            counters.snapshots.proposeMaxRelease(snapshotsTaken);
        }

        @Override
        public synchronized void onFailure(final String thread, final Throwable failure)
        {
            // log first: whoever sees the counter move can read the reason
            state.logError(thread + " stopped (the store keeps running without it): " + failure, failure);
            counters.backgroundFailures.increment();
        }
    }

    private static final class StageThreadFactory implements ThreadFactory
    {
        private final AtomicInteger count = new AtomicInteger();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();
        private final String[] names;

        StageThreadFactory(final Topology topology)
        {
            switch (topology)
            {
                case SINGLE:
                    names = new String[]{ "tradestore-pipeline" };
                    break;
                case COMBINED:
                    names = new String[]{ "tradestore-journal-apply", "tradestore-egress" };
                    break;
                default:
                    names = new String[]{ "tradestore-journal", "tradestore-apply", "tradestore-egress" };
                    break;
            }
        }

        @Override
        public Thread newThread(final Runnable runnable)
        {
            final int index = count.getAndIncrement();
            final Thread thread = new Thread(runnable, index < names.length ? names[index] : "tradestore-stage-" + index);
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        }

        /**
         * @param timeoutMs to wait in all.
         * @return null when every stage thread has terminated, else one that has not.
         */
        Thread awaitTermination(final long timeoutMs)
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            for (final Thread thread : threads)
            {
                if (!Threads.joinUninterruptibly(thread, deadlineNs))
                {
                    return thread;
                }
            }
            return null;
        }
    }
}
