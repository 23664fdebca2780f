package io.tradestore.journal;

import io.tradestore.core.PositionKey;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.values.ValueModel;
import net.openhft.chronicle.values.Values;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Child JVMs of the crash tests spend seconds compiling Chronicle Values classes with javac at start-up.
 * chronicle-values first looks for {@code <Type>$$Native}/{@code $$Heap} on the class path, so this generates
 * their sources once (through chronicle-values' own generators), compiles them into a directory and the children
 * put it first on their class path. Best effort: when anything fails the children compile at run time as usual.
 * The generators leave state behind in the shared value models (a second generation of {@code LongValue$$Heap}
 * does not compile), so this JVM's own classes are created first, the normal way.
 */
final class PrecompiledValues
{
    private PrecompiledValues()
    {
    }

    static String classPathFor(final File directory)
    {
        try
        {
            final Class<?> generators = Class.forName("net.openhft.chronicle.values.Generators");
            final Method nativeClass = generators.getDeclaredMethod("generateNativeClass", ValueModel.class, String.class);
            final Method heapClass = generators.getDeclaredMethod("generateHeapClass", ValueModel.class, String.class);
            nativeClass.setAccessible(true);
            heapClass.setAccessible(true);
            final Method simpleName = ValueModel.class.getDeclaredMethod("simpleName", Class.class);
            simpleName.setAccessible(true);

            final File sources = new File(directory, "src");
            final File classes = new File(directory, "classes");
            sources.mkdirs();
            classes.mkdirs();
            final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            if (compiler == null)
            {
                return "";
            }
            final List<Class<?>> types = List.of(PositionKey.class, LongValue.class);
            for (final Class<?> type : types)
            {
                Values.heapClassFor(type);
                Values.nativeClassFor(type);
            }
            for (final Class<?> type : types)
            {
                final ValueModel model = ValueModel.acquire(type);
                final String name = (String)simpleName.invoke(null, type);
                for (final String suffix : List.of("$$Native", "$$Heap"))
                {
                    final Method generator = "$$Native".equals(suffix) ? nativeClass : heapClass;
                    final String source = (String)generator.invoke(null, model, name + suffix);
                    final File file = new File(sources, name + suffix + ".java");
                    Files.writeString(file.toPath(), source);
                    final List<String> arguments = new ArrayList<>(List.of("-proc:none", "-nowarn",
                        "-d", classes.getPath(), "-cp", System.getProperty("java.class.path"), file.getPath()));
                    compiler.run(null, OutputStream.nullOutputStream(), OutputStream.nullOutputStream(),
                        arguments.toArray(new String[0]));
                }
            }
            return classes.getPath() + File.pathSeparator;
        }
        catch (final Exception | LinkageError ex)
        {
            return "";
        }
    }
}
