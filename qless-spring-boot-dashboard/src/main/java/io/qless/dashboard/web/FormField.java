package io.qless.dashboard.web;

/**
 * A form field the confirmation page sends on.
 *
 * @param name the field name
 * @param value the value
 */
public record FormField(String name, String value) {

}
