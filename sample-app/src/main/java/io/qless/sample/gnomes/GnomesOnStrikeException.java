package io.qless.sample.gnomes;

/**
 * A transient failure: the gnomes will work again after a short break.
 */
public class GnomesOnStrikeException extends RuntimeException {

	GnomesOnStrikeException(String message) {
		super(message);
	}

}
