package io.tradestore.perf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmFlagsTest
{
    @Test
    void shouldCarryTheParentPomFlags()
    {
        final List<String> flags = JvmFlags.forFeatureVersion(17);
        assertTrue(flags.contains("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"), flags::toString);
        assertTrue(flags.contains("-Dchronicle.analytics.disable=true"), flags::toString);
        assertFalse(flags.stream().anyMatch((flag) -> flag.contains("${")), "unfiltered resource: " + flags);
    }

    @Test
    void shouldLeaveOutUnsafeMemoryAccessBeforeJdk24()
    {
        assertFalse(JvmFlags.forFeatureVersion(17).stream().anyMatch((flag) -> flag.startsWith("--sun-misc-unsafe")));
        assertFalse(JvmFlags.forFeatureVersion(23).stream().anyMatch((flag) -> flag.startsWith("--sun-misc-unsafe")));
    }

    @Test
    void shouldAllowUnsafeMemoryAccessOnceFromJdk24()
    {
        final List<String> flags = JvmFlags.forFeatureVersion(25);
        assertEquals(1, flags.stream().filter(JvmFlags.UNSAFE_MEMORY_ACCESS_FLAG::equals).count(), flags::toString);
    }

    @Test
    void shouldParseSpecificationVersions()
    {
        assertEquals(17, JvmFlags.parseFeature("17"));
        assertEquals(25, JvmFlags.parseFeature("25"));
        assertEquals(8, JvmFlags.parseFeature("1.8"));
    }

    @Test
    void shouldAskAnotherJvmForItsVersion()
    {
        final String java = System.getProperty("java.home") + "/bin/java";
        assertEquals(Runtime.version().feature(), JvmFlags.featureVersionOf(java));
    }
}
