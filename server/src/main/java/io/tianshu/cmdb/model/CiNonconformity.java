package io.tianshu.cmdb.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A CI that does not conform to its model since a model change (不合规标记): it keeps its
 * values until someone edits it into conformance, which clears the flag.
 *
 * @param id stable id of the flag
 * @param ciId the CI
 * @param ciName its name
 * @param model its model code
 * @param modelVersion the model version that found it non-conforming
 * @param attribute the attribute code, or {@code identificationRules.<rule>} for a
 * duplicate identity
 * @param code the rule it breaks, as a CI write would report it
 * ({@code cmdb.ci.attribute.enum}, {@code cmdb.ci.attribute.required},
 * {@code cmdb.ci.duplicate-value}, ...)
 * @param message an English line
 * @param flaggedAt when it was flagged
 */
public record CiNonconformity(long id, UUID ciId, String ciName, String model, int modelVersion, String attribute,
		String code, String message, Instant flaggedAt) {
}
