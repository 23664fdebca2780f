package io.tradestore.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The wire contract is the standard one: a C++ client whose codecs sbe-tool generates from the same schema
 * (target language Cpp) logs on, sends orders and reads acks from a real gateway. Skips, saying why, when g++ is
 * not installed.
 */
class CppClientTest
{
    private static final int ORDERS = 25;

    private final FakeStore store = new FakeStore();
    private GatewayServer server;

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            server.close();
        }
        store.close();
    }

    @Test
    void shouldLogOnSendOrdersAndReadAcksFromGeneratedCppClient() throws Exception
    {
        final String gxx = findOnPath("g++");
        assumeTrue(null != gxx, "g++ not found on PATH: skipping the sbe-tool C++ client test");

        final Path work = Paths.get("target", "cpp-client").toAbsolutePath();
        Files.createDirectories(work);
        final Path schema = work.resolve("tradestore-schema.xml");
        try (InputStream in = getClass().getResourceAsStream("/sbe/tradestore-schema.xml"))
        {
            assertNotNull(in, "schema resource from the core module");
            Files.copy(in, schema, StandardCopyOption.REPLACE_EXISTING);
        }

        final Path generated = work.resolve("generated");
        final List<String> sbeTool = new ArrayList<>();
        sbeTool.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        sbeTool.addAll(jvmFlags());
        sbeTool.addAll(Arrays.asList(
            "-cp", System.getProperty("java.class.path"),
            "-Dsbe.target.language=Cpp",
            "-Dsbe.output.dir=" + generated,
            "-Dsbe.validation.stop.on.error=true",
            "uk.co.real_logic.sbe.SbeTool", schema.toString()));
        run(sbeTool, work, 60);
        assertTrue(Files.exists(generated.resolve("io_tradestore_core_sbe/NewOrder.h")), "C++ codecs generated");

        final Path source = Paths.get("src", "test", "cpp", "sbe_client.cpp").toAbsolutePath();
        final Path binary = work.resolve("sbe_client");
        run(List.of(gxx, "-std=c++17", "-O1", "-Wall", "-I", generated.toString(), source.toString(),
            "-o", binary.toString()), work, 120);

        server = new GatewayServer(TestUsers.context());
        store.attach(server);
        server.start(store);

        final String output = run(List.of(binary.toString(), "127.0.0.1",
            Integer.toString(server.localAddress().getPort()), "alice", TestUsers.PASSWORD, "2",
            Integer.toString(ORDERS)), work, 60);

        final String[] lines = output.split("\n");
        assertEquals("LOGON ACCEPTED", lines[0]);
        for (int i = 1; i <= ORDERS; i++)
        {
            final String[] ack = lines[i].split(" ");
            assertEquals("ACK", ack[0]);
            assertEquals(Integer.toString(i), ack[1], "acks in order");
            assertTrue(Long.parseLong(ack[2]) > 0, "store sequence");
            assertEquals("ACCEPTED", ack[3]);
        }
        assertEquals("DONE " + ORDERS, lines[ORDERS + 1]);
        assertEquals(ORDERS, store.publishedCount());
    }

    private static List<String> jvmFlags()
    {
        final String flags = System.getProperty("tradestore.jvm.flags", "").trim();
        return flags.isEmpty() ? List.of() : Arrays.asList(flags.split("\\s+"));
    }

    private static String run(final List<String> command, final Path directory, final long timeoutSeconds)
        throws IOException, InterruptedException
    {
        final Path log = Files.createTempFile(directory, "run", ".log");
        final Process process = new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        final String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + "\n" + output);
        return output;
    }

    private static String findOnPath(final String name)
    {
        final String path = System.getenv("PATH");
        if (null == path)
        {
            return null;
        }
        for (final String dir : path.split(File.pathSeparator))
        {
            final File candidate = new File(dir, name);
            if (candidate.canExecute())
            {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }
}
