package io.stagegate.local;

/**
 * A stand-in could not start for a reason a person can fix (Node missing, port taken, dynalite
 * not installed). Its message is meant to be printed as is, without a stack trace.
 */
public final class LocalStartupException extends RuntimeException {
    public LocalStartupException(String message) {
        super(message);
    }

    public LocalStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
