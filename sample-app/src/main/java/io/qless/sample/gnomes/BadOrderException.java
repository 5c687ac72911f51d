package io.qless.sample.gnomes;

/**
 * A permanent failure: no retry can fix this order.
 */
public class BadOrderException extends RuntimeException {

	BadOrderException(String message) {
		super(message);
	}

}
