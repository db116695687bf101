package io.tianshu.cmdb.topology;

import java.util.List;

import io.tianshu.cmdb.topology.ChangeFeed.Gap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeFeedTests {

	final ChangeFeed feed = new ChangeFeed("cmdb.relation_history", "relation_id");

	@Test
	void skippedIdsStayOpenUntilRead() {
		this.feed.reset(10, List.of());
		this.feed.advance(new long[] { 11, 14, 15, 18 }, 500);
		assertThat(this.feed.seen()).isEqualTo(18);
		assertThat(this.feed.gaps()).containsExactly(new Gap(12, 13, 500), new Gap(16, 17, 500));
		assertThat(this.feed.behind(18, 0)).isFalse();
		assertThat(this.feed.behind(18, 1)).isTrue();
		assertThat(this.feed.behind(19, 0)).isTrue();
		// 13 and 16 commit late
		this.feed.advance(new long[] { 13, 16, 19 }, 520);
		assertThat(this.feed.seen()).isEqualTo(19);
		assertThat(this.feed.gaps()).containsExactly(new Gap(12, 12, 500), new Gap(17, 17, 500));
		assertThat(this.feed.gapLows()).containsExactly(12, 17);
		assertThat(this.feed.gapHighs()).containsExactly(12, 17);
	}

	@Test
	void aReadInTheMiddleOfAGapSplitsIt() {
		this.feed.reset(10, List.of(new Gap(1, 9, 100)));
		this.feed.advance(new long[] { 5 }, 110);
		assertThat(this.feed.gaps()).containsExactly(new Gap(1, 4, 100), new Gap(6, 9, 100));
		this.feed.advance(new long[] { 1, 9 }, 110);
		assertThat(this.feed.gaps()).containsExactly(new Gap(2, 4, 100), new Gap(6, 8, 100));
	}

	@Test
	void gapsCloseOnceNoTransactionFromBeforeThemRuns() {
		this.feed.reset(2, List.of(new Gap(1, 2, 100)));
		this.feed.advance(new long[] { 5 }, 200);
		this.feed.settle(99);
		assertThat(this.feed.gaps()).hasSize(2);
		this.feed.settle(150);
		assertThat(this.feed.gaps()).containsExactly(new Gap(3, 4, 200));
		this.feed.settle(200);
		assertThat(this.feed.hasGaps()).isFalse();
	}

}
