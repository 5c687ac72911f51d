package io.qless.dashboard.data;

import java.util.List;

/**
 * One page of a larger list: where it starts, how long pages are and how long the list is.
 *
 * @param offset how many items come before this page
 * @param size the page size
 * @param total the length of the whole list
 */
public record Paging(int offset, int size, long total) {

	/** The page sizes offered. */
	public static final List<Integer> SIZES = List.of(25, 50, 100);

	/** The page size used unless another is asked for. */
	public static final int DEFAULT_SIZE = 25;

	/**
	 * Return the page size to use for a requested one: one of {@link #SIZES}.
	 * @param requested the requested size, or {@code null}
	 * @return the size
	 */
	public static int size(@org.jspecify.annotations.Nullable Integer requested) {
		return (requested != null && SIZES.contains(requested)) ? requested : DEFAULT_SIZE;
	}

	/**
	 * Return a non-negative offset.
	 * @param requested the requested offset, or {@code null}
	 * @return the offset
	 */
	public static int offset(@org.jspecify.annotations.Nullable Integer requested) {
		return (requested != null && requested > 0) ? requested : 0;
	}

	/**
	 * Return the 1-based position of the first item of this page, 0 for an empty page.
	 * @return the position
	 */
	public long from() {
		return (this.total == 0 || this.offset >= this.total) ? 0 : this.offset + 1L;
	}

	/**
	 * Return the 1-based position of the last item of this page.
	 * @return the position
	 */
	public long to() {
		return Math.min(this.total, (long) this.offset + this.size);
	}

	/**
	 * Return whether there is a page before this one.
	 * @return whether there is one
	 */
	public boolean hasPrevious() {
		return this.offset > 0;
	}

	/**
	 * Return whether there is a page after this one.
	 * @return whether there is one
	 */
	public boolean hasNext() {
		return (long) this.offset + this.size < this.total;
	}

	/**
	 * Return the offset of the previous page.
	 * @return the offset
	 */
	public int previousOffset() {
		return Math.max(0, this.offset - this.size);
	}

	/**
	 * Return the offset of the next page.
	 * @return the offset
	 */
	public int nextOffset() {
		return this.offset + this.size;
	}

	/**
	 * Return the offset of the last page.
	 * @return the offset
	 */
	public int lastOffset() {
		if (this.total == 0) {
			return 0;
		}
		long last = ((this.total - 1) / this.size) * this.size;
		return (int) Math.min(Integer.MAX_VALUE, last);
	}

}
