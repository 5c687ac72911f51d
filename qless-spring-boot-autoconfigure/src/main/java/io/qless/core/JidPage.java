package io.qless.core;

import java.util.List;

/**
 * A page of jids out of a larger set: the jobs of a failure group or of a tag.
 *
 * @param total the size of the whole set
 * @param jids the jids of this page
 */
public record JidPage(long total, List<String> jids) {

}
