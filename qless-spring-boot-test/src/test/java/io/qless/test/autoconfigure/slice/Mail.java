package io.qless.test.autoconfigure.slice;

/**
 * A job payload.
 *
 * @param to the address
 */
public record Mail(String to) {

}
