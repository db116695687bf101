package io.tianshu.cmdb.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.PermissionScope;
import io.tianshu.platform.TianshuProperties;
import io.tianshu.platform.identity.IdentityFixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CiScopes#covered} with more ids than one query asks about (bulk imports). */
@TianshuIntegrationTest
class CiScopesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	TianshuProperties properties;

	@Autowired
	CiScopes scopes;

	@Test
	void coverageOfManyIdsIsAskedInChunksAndLosesNone() {
		CmdbWorld w = new CmdbWorld(new IdentityFixtures(this.mvc, this.json, this.properties).admin());
		List<UUID> ids = new ArrayList<>();
		ids.add(UUID.fromString(w.h3));
		for (int i = 0; i < 25_000; i++) {
			ids.add(UUID.randomUUID());
		}
		// one in the second chunk, one at the very end, and a repeat
		ids.add(12_345, UUID.fromString(w.db));
		ids.add(UUID.fromString(w.h1));
		ids.add(UUID.fromString(w.h1));
		PermissionScope system = PermissionScope.within(List.of(new PermissionScope.Area("BS-" + w.s, null)));
		assertThat(this.scopes.covered(ids, system)).containsExactlyInAnyOrder(UUID.fromString(w.db),
				UUID.fromString(w.h1));
		PermissionScope uat = PermissionScope.within(List.of(new PermissionScope.Area(null, "uat")));
		assertThat(this.scopes.covered(ids, uat)).doesNotContain(UUID.fromString(w.h1), UUID.fromString(w.h3));
		assertThat(this.scopes.covered(Set.of(UUID.fromString(w.h2)), uat)).containsExactly(UUID.fromString(w.h2));
	}

}
