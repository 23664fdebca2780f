package io.tradestore.journal;

import io.tradestore.core.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.RandomAccessFile;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreCapacitiesTest
{
    @TempDir
    File data;

    private File store()
    {
        return new File(data, "store");
    }

    @Test
    void shouldRecordTheConfiguredCapacitiesWhenTheStoreIsCreated()
    {
        assertNull(StoreCapacities.read(store()));
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
        {
            assertEquals(new StoreCapacities(TestSupport.ORDER_CAPACITY, TestSupport.POSITION_CAPACITY,
                TestSupport.INSTRUMENT_CAPACITY), StoreCapacities.read(store()));
            assertTrue(engine.recoveryReport().notes().isEmpty(), engine.recoveryReport().toString());
        }
        assertFalse(new File(store(), StoreCapacities.FILE_NAME + ".tmp").exists());
    }

    @Test
    void shouldReopenWithTheSameCapacitiesAndRefuseOthersNamingBothValues()
    {
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
        {
            TestSupport.ingest(engine, new EventGenerator(3), 500);
        }
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
        {
            assertEquals(500, engine.recoveryReport().lastSequence());
        }

        final StoreException refused = assertThrows(StoreException.class, () ->
            StoreEngine.open(TestSupport.config(data).orderCapacity(7_000).instrumentCapacity(8)).close());
        final String message = refused.getMessage();
        assertTrue(message.contains("orders recorded " + TestSupport.ORDER_CAPACITY + " but configured 7000") &&
            message.contains("instruments recorded " + TestSupport.INSTRUMENT_CAPACITY + " but configured 8") &&
            !message.contains("positions recorded"), message);
        assertFalse(message.contains("\n"), message);

        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
        {
            assertEquals(500, engine.recoveryReport().lastSequence(), "a refused open changes nothing");
        }
    }

    @Test
    void shouldRecordTheConfiguredCapacitiesOfAStoreFromBeforeTheyWereRecorded() throws Exception
    {
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
        {
            TestSupport.ingest(engine, new EventGenerator(4), 200);
        }
        Files.delete(new File(store(), StoreCapacities.FILE_NAME).toPath());

        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data).orderCapacity(9_000)))
        {
            assertEquals(200, engine.recoveryReport().lastSequence());
            assertTrue(engine.recoveryReport().notes().toString().contains("no capacities.dat"),
                engine.recoveryReport().toString());
        }
        assertEquals(9_000, StoreCapacities.read(store()).orderCapacity());
    }

    @Test
    void shouldRefuseAnInvalidCapacitiesFile() throws Exception
    {
        StoreEngine.open(TestSupport.config(data)).close();
        try (RandomAccessFile raf = new RandomAccessFile(new File(store(), StoreCapacities.FILE_NAME), "rw"))
        {
            raf.seek(16);
            final int b = raf.read();
            raf.seek(16);
            raf.write(b ^ 1);
        }
        final StoreException refused = assertThrows(StoreException.class, () -> StoreCapacities.read(store()));
        assertTrue(refused.getMessage().contains("not a valid capacities file"), refused.getMessage());
        assertThrows(StoreException.class, () -> StoreEngine.open(TestSupport.config(data)).close());
    }
}
