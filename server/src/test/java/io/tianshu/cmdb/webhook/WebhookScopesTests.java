package io.tianshu.cmdb.webhook;

import java.util.List;

import io.tianshu.platform.PermissionScope;
import io.tianshu.platform.PermissionScope.Area;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookScopesTests {

	private static final PermissionScope TRADING = PermissionScope.within(List.of(new Area("集中交易", null)));

	private static final PermissionScope TRADING_PROD = PermissionScope.within(List.of(new Area("集中交易", "prod")));

	private static final PermissionScope PROD = PermissionScope.within(List.of(new Area(null, "prod")));

	@Test
	void storedScopesReadBackAsTheyWere() {
		JsonMapper json = JsonMapper.builder().build();
		assertThat(WebhookScopes.toJson(PermissionScope.EVERYWHERE, json)).isNull();
		assertThat(WebhookScopes.fromJson(null, json)).isEqualTo(PermissionScope.EVERYWHERE);
		PermissionScope two = PermissionScope.within(List.of(new Area("集中交易", "prod"), new Area(null, "uat")));
		assertThat(WebhookScopes.fromJson(WebhookScopes.toJson(two, json), json)).isEqualTo(two);
		assertThat(WebhookScopes.fromJson(WebhookScopes.toJson(PermissionScope.NOWHERE, json), json))
			.isEqualTo(PermissionScope.NOWHERE);
	}

	@Test
	void aScopeIsWithinAnotherWhenEveryAreaIsNarrowedByOne() {
		assertThat(WebhookScopes.within(TRADING, PermissionScope.EVERYWHERE)).isTrue();
		assertThat(WebhookScopes.within(PermissionScope.EVERYWHERE, TRADING)).isFalse();
		assertThat(WebhookScopes.within(TRADING_PROD, TRADING)).isTrue();
		assertThat(WebhookScopes.within(TRADING_PROD, PROD)).isTrue();
		assertThat(WebhookScopes.within(TRADING, TRADING_PROD)).isFalse();
		assertThat(WebhookScopes.within(PROD, TRADING)).isFalse();
		assertThat(WebhookScopes.within(PermissionScope.NOWHERE, TRADING)).isTrue();
	}

}
