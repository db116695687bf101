package io.tianshu.platform;

/**
 * One invalid field: its JSON path ({@code "password"}, {@code "sessions[1].start"}), a
 * stable code the console translates ({@code "password.too-short"}) and an English
 * message.
 */
public record FieldViolation(String field, String code, String message) {
}
