package io.qless.dashboard.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PagingTests {

	@Test
	void sizesAreLimitedToTheOfferedOnes() {
		assertThat(Paging.size(null)).isEqualTo(25);
		assertThat(Paging.size(50)).isEqualTo(50);
		assertThat(Paging.size(100_000)).isEqualTo(25);
		assertThat(Paging.offset(-5)).isZero();
	}

	@Test
	void positionsAndNeighbours() {
		Paging middle = new Paging(25, 25, 60);
		assertThat(middle.from()).isEqualTo(26);
		assertThat(middle.to()).isEqualTo(50);
		assertThat(middle.hasPrevious()).isTrue();
		assertThat(middle.hasNext()).isTrue();
		assertThat(middle.previousOffset()).isZero();
		assertThat(middle.nextOffset()).isEqualTo(50);
		assertThat(middle.lastOffset()).isEqualTo(50);
		Paging empty = new Paging(0, 25, 0);
		assertThat(empty.from()).isZero();
		assertThat(empty.hasNext()).isFalse();
		assertThat(empty.lastOffset()).isZero();
	}

}
