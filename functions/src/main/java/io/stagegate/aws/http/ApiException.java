package io.stagegate.aws.http;

import java.util.List;

/** A request the API refuses, with the status, machine code, message and field of API.md. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;
    private final List<String> failed;

    public ApiException(int status, String code, String message, String field) {
        this(status, code, message, field, List.of());
    }

    public ApiException(int status, String code, String message, String field, List<String> failed) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.failed = failed == null ? List.of() : List.copyOf(failed);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public List<String> failed() {
        return failed;
    }

    public static ApiException invalid(String field, String code, String message) {
        return new ApiException(422, code, message, field);
    }
}
