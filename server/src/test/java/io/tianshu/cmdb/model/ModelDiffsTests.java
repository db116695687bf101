package io.tianshu.cmdb.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.AttributeType;
import io.tianshu.cmdb.Cardinality;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.DeleteBehaviour;
import io.tianshu.cmdb.IdentificationRule;
import io.tianshu.cmdb.ModelChange;
import io.tianshu.cmdb.ModelId;
import io.tianshu.cmdb.RelationDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelDiffsTests {

	private static final ModelId ID = ModelId.random();

	private static CiModel model(String name, List<AttributeDefinition> attributes, List<IdentificationRule> rules,
			List<RelationDefinition> relations) {
		return new CiModel(ID, "host", name, null, "iaas", null, null, true, 1, attributes, rules, relations,
				Instant.EPOCH);
	}

	@Test
	void readableChangesByStableKey() {
		AttributeDefinition ip = AttributeDefinition.of("ip", "IP", AttributeType.IP);
		AttributeDefinition sn = AttributeDefinition.of("sn", "序列号", AttributeType.STRING);
		RelationDefinition runsOn = new RelationDefinition(UUID.randomUUID(), "host", "rack", "contains",
				Cardinality.ONE_TO_MANY, DeleteBehaviour.BLOCK);
		CiModel before = model("主机", List.of(ip, sn), List.of(), List.of());
		CiModel after = model("服务器", List.of(ip.asRequired(), AttributeDefinition.of("os", "OS", AttributeType.STRING)),
				List.of(new IdentificationRule("sn", List.of("os"))), List.of(runsOn));
		List<ModelChange> changes = ModelDiffs.between(before, after);
		assertThat(changes).extracting(ModelChange::text)
			.containsExactly("name: 主机 → 服务器", "attribute ip: required false → true", "attribute os added (string)",
					"attribute sn removed", "identification rule sn added (os)",
					"relation contains->rack added (ONE_TO_MANY, BLOCK)");
		assertThat(changes).extracting(ModelChange::path)
			.contains("attributes.ip.required", "attributes.sn", "relations.contains->rack");
		assertThat(ModelDiffs.between(before, before)).isEmpty();
		assertThat(ModelDiffs.summary(changes)).endsWith("and 3 more");
	}

}
