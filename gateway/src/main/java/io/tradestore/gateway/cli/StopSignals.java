package io.tradestore.gateway.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Runs an action on SIGINT or SIGTERM <em>before</em> the JVM starts shutting down, so the store can be closed
 * cleanly while Chronicle Map's own close-on-exit hook has not yet closed its files under it. Uses
 * {@code sun.misc.Signal} (module jdk.unsupported) reflectively; falls back to a shutdown hook where unavailable.
 */
final class StopSignals
{
    private StopSignals()
    {
    }

    static void onStop(final Runnable action)
    {
        try
        {
            final Class<?> signalClass = Class.forName("sun.misc.Signal");
            final Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            final InvocationHandler invocation = (final Object proxy, final Method method, final Object[] args) ->
            {
                if ("handle".equals(method.getName()))
                {
                    action.run();
                }
                return null;
            };
            final Object handler = Proxy.newProxyInstance(
                StopSignals.class.getClassLoader(), new Class<?>[]{handlerClass}, invocation);
            final Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (final String name : new String[]{"INT", "TERM"})
            {
                handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
            }
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            Runtime.getRuntime().addShutdownHook(new Thread(action, "tradestore-stop"));
        }
    }
}
