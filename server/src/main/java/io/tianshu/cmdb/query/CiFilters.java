package io.tianshu.cmdb.query;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.model.ModelCatalog;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.PermissionScope;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The CI filter language (过滤表达式) for searches: parses a filter and appends it to a query
 * over {@code cmdb.ci} as one parameterised condition. Errors are 422 problems whose
 * {@code params} carry the position.
 */
@Service
public class CiFilters {

	private final ModelCatalog models;

	private final JdbcClient jdbc;

	private final Authorization authorization;

	private final CiScopes scopes;

	private final JsonMapper json;

	private final Clock clock;

	CiFilters(ModelCatalog models, JdbcClient jdbc, Authorization authorization, CiScopes scopes, JsonMapper json,
			Clock clock) {
		this.models = models;
		this.jdbc = jdbc;
		this.authorization = authorization;
		this.scopes = scopes;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Appends {@code AND (filter)} for rows of {@code alias}, related CIs limited to the
	 * scope.
	 * @param model the model the rows are of, or {@code null}
	 * @return whether the filter tests {@code state} at its top level (then the caller
	 * does not hide retired CIs)
	 * @throws io.tianshu.platform.TianshuException 422 for a filter that does not parse
	 * or fit the models, on field {@code q}
	 */
	public boolean append(String filter, String alias, CiModel model, PermissionScope scope, SqlBuffer sql) {
		try {
			Filter parsed = FilterParser.parse(filter);
			FilterTranslator translator = new FilterTranslator(new Catalog(),
					(a, s) -> this.scopes.restrict(a, scope, s), this.json, this.clock.getZone(), this.clock.instant());
			sql.append(" AND ");
			return translator.translate(parsed, alias, model, sql);
		}
		catch (FilterException ex) {
			throw ex.toProblem("q");
		}
	}

	/** Looks models and relation types up once per filter. */
	private final class Catalog implements FilterTranslator.Catalog {

		private Set<String> attributeCodes;

		private Set<String> relationTypes;

		@Override
		public Optional<CiModel> model(String code) {
			return CiFilters.this.models.find(code);
		}

		@Override
		public boolean relationType(String code) {
			return relationTypes().contains(code);
		}

		@Override
		public Set<String> relationTypes() {
			if (this.relationTypes == null) {
				this.relationTypes = new TreeSet<>(
						CiFilters.this.jdbc.sql("SELECT code FROM cmdb.relation_type").query(String.class).list());
			}
			return this.relationTypes;
		}

		@Override
		public Set<String> attributeCodes() {
			if (this.attributeCodes == null) {
				Set<String> codes = new TreeSet<>();
				for (CiModel model : CiFilters.this.authorization.runAsSystem(() -> CiFilters.this.models.list(null))) {
					model.attributes().stream().map(AttributeDefinition::code).forEach(codes::add);
				}
				this.attributeCodes = codes;
			}
			return this.attributeCodes;
		}

	}

}
