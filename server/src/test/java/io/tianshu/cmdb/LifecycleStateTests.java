package io.tianshu.cmdb;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleStateTests {

	@Test
	void transitions() {
		assertThat(LifecycleState.PLANNED.next()).containsExactlyInAnyOrder(LifecycleState.IN_USE,
				LifecycleState.RETIRED);
		assertThat(LifecycleState.IN_USE.canMoveTo(LifecycleState.MAINTENANCE)).isTrue();
		assertThat(LifecycleState.MAINTENANCE.canMoveTo(LifecycleState.IN_USE)).isTrue();
		assertThat(LifecycleState.PLANNED.canMoveTo(LifecycleState.MAINTENANCE)).isFalse();
		assertThat(LifecycleState.IN_USE.canMoveTo(LifecycleState.PLANNED)).isFalse();
		assertThat(LifecycleState.IN_USE.canMoveTo(LifecycleState.IN_USE)).isFalse();
		for (LifecycleState state : LifecycleState.values()) {
			assertThat(LifecycleState.RETIRED.canMoveTo(state)).isFalse();
			assertThat(state == LifecycleState.RETIRED || state.canMoveTo(LifecycleState.RETIRED)).isTrue();
		}
	}

}
