package io.stagegate.local;

import io.stagegate.wiring.Wiring.FunctionDef;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the handler instance of a function for the local runtime and tests.
 *
 * <p>The convention every Stagegate handler follows ({@link #byConvention()}): beside the no-arg
 * constructor Lambda calls (which reads {@code System.getenv()}), a handler has a public
 * constructor {@code (java.util.Map<String, String> environment)}, and may have
 * {@code (java.util.Map<String, String> environment, java.time.Clock clock)}; the latter is
 * preferred when present so tests can fix the time. The map holds the variables named in
 * {@link io.stagegate.wiring.Wiring.Env} (see {@link LocalEnvironment}).
 */
@FunctionalInterface
public interface HandlerFactory {

    /** The handler, or empty to skip the function (its routes answer 501, its queue is not polled). */
    Optional<Object> create(FunctionDef function, Map<String, String> environment, Clock clock);

    /**
     * Instantiates {@link FunctionDef#handlerClass()} by the constructor convention above. A class
     * missing from the classpath is skipped with a warning (handlers are written in parallel);
     * a constructor that throws stops the start-up, as a broken Lambda init would.
     */
    static HandlerFactory byConvention() {
        Logger log = LoggerFactory.getLogger(HandlerFactory.class);
        return (function, environment, clock) -> {
            Class<?> type;
            try {
                type = Class.forName(function.handlerClass());
            } catch (ClassNotFoundException e) {
                log.warn("{}: handler class {} is not on the classpath; function skipped",
                        function.name(), function.handlerClass());
                return Optional.empty();
            }
            try {
                try {
                    Constructor<?> withClock = type.getConstructor(Map.class, Clock.class);
                    return Optional.of(withClock.newInstance(environment, clock));
                } catch (NoSuchMethodException noClock) {
                    return Optional.of(type.getConstructor(Map.class).newInstance(environment));
                }
            } catch (NoSuchMethodException e) {
                log.warn("{}: {} has no public constructor (Map<String,String>) or (Map<String,String>, Clock); "
                        + "function skipped", function.name(), function.handlerClass());
                return Optional.empty();
            } catch (InvocationTargetException e) {
                throw new LocalStartupException(function.name() + ": " + function.handlerClass()
                        + " failed to initialise: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new LocalStartupException(function.name() + ": cannot instantiate "
                        + function.handlerClass() + ": " + e, e);
            }
        };
    }

    /** Explicit handlers by function name first, then this factory. */
    default HandlerFactory withOverrides(Map<String, Object> handlersByFunctionName) {
        return (function, environment, clock) -> handlersByFunctionName.containsKey(function.name())
                ? Optional.of(handlersByFunctionName.get(function.name()))
                : create(function, environment, clock);
    }
}
