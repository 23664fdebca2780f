package io.tradestore.core.build;

import io.tradestore.core.PositionKey;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.values.ValueModel;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Build step (run by core's pom at {@code process-test-classes}): generates the chronicle-values flyweight classes
 * ({@code <Type>$$Native}, {@code <Type>$$Heap}) of the store's value interfaces with chronicle-values' own
 * generators and compiles them into {@code target/classes}. chronicle-values looks these names up on the class
 * path before it falls back to compiling them with javac at run time, which costs every JVM (CLI, server, each
 * test child) several seconds at start-up.
 * <p>
 * Usage: {@code ValueClassGenerator <sources dir> <classes dir>}. Exits non-zero if generation fails, so a broken
 * build step is never silent.
 */
public final class ValueClassGenerator
{
    private ValueClassGenerator()
    {
    }

    /**
     * @param args sources directory and classes directory.
     * @throws Exception when generation or compilation fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final File sources = new File(args[0]);
        final File classes = new File(args[1]);
        if (!sources.isDirectory() && !sources.mkdirs())
        {
            throw new IllegalStateException("cannot create " + sources);
        }

        final Class<?> generators = Class.forName("net.openhft.chronicle.values.Generators");
        final Method nativeClass = generators.getDeclaredMethod("generateNativeClass", ValueModel.class, String.class);
        final Method heapClass = generators.getDeclaredMethod("generateHeapClass", ValueModel.class, String.class);
        final Method simpleName = ValueModel.class.getDeclaredMethod("simpleName", Class.class);
        nativeClass.setAccessible(true);
        heapClass.setAccessible(true);
        simpleName.setAccessible(true);

        final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null)
        {
            throw new IllegalStateException("a full JDK (javac) is required to build tradestore");
        }

        final List<String> files = new ArrayList<>();
        for (final Class<?> type : List.of(PositionKey.class, LongValue.class))
        {
            final ValueModel model = ValueModel.acquire(type);
            final String name = (String)simpleName.invoke(null, type);
            final String packageName = type.getPackageName();
            final File packageDir = new File(sources, packageName.replace('.', File.separatorChar));
            if (!packageDir.isDirectory() && !packageDir.mkdirs())
            {
                throw new IllegalStateException("cannot create " + packageDir);
            }
            final File nativeFile = new File(packageDir, name + "$$Native.java");
            final File heapFile = new File(packageDir, name + "$$Heap.java");
            Files.writeString(nativeFile.toPath(), (String)nativeClass.invoke(null, model, name + "$$Native"));
            Files.writeString(heapFile.toPath(), (String)heapClass.invoke(null, model, name + "$$Heap"));
            files.add(nativeFile.getPath());
            files.add(heapFile.getPath());
        }

        final List<String> arguments = new ArrayList<>(List.of(
            "-proc:none", "-nowarn", "--release", "17", "-d", classes.getPath(), "-cp", System.getProperty("java.class.path")));
        arguments.addAll(files);
        final int status = compiler.run(null, System.out, System.err, arguments.toArray(new String[0]));
        if (status != 0)
        {
            throw new IllegalStateException("javac failed (" + status + ") compiling chronicle-values classes");
        }
        System.out.println("chronicle-values classes precompiled: " + files.size() + " into " + classes);
    }
}
