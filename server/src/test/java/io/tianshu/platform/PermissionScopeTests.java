package io.tianshu.platform;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PermissionScopeTests {

	@Test
	void everywhereAllowsAnythingAndNowhereNothing() {
		assertThat(PermissionScope.EVERYWHERE.allows(Set.of(), Set.of())).isTrue();
		assertThat(PermissionScope.EVERYWHERE.any()).isTrue();
		assertThat(PermissionScope.NOWHERE.allows(Set.of("集中交易"), Set.of("prod"))).isFalse();
		assertThat(PermissionScope.NOWHERE.any()).isFalse();
		assertThat(PermissionScope.within(List.of()).any()).isFalse();
	}

	@Test
	void anAreaNeedsBothOfItsPartsAndANullPartMeansAny() {
		PermissionScope scope = PermissionScope
			.within(List.of(new PermissionScope.Area("集中交易", "prod"), new PermissionScope.Area(null, "uat")));
		assertThat(scope.allows(Set.of("集中交易"), Set.of("prod", "dr"))).isTrue();
		assertThat(scope.allows(Set.of("集中交易"), Set.of("dr"))).isFalse();
		assertThat(scope.allows(Set.of("融资融券"), Set.of("prod"))).isFalse();
		assertThat(scope.allows(Set.of(), Set.of("uat"))).isTrue();
		assertThat(scope.allows(Set.of(), Set.of())).isFalse();
	}

	@Test
	void anAreaNamesSomething() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PermissionScope.Area(null, null));
	}

}
