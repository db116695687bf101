package io.tianshu.cmdb.web;

import java.util.List;
import java.util.UUID;

import io.tianshu.cmdb.Cardinality;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.CiModels;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.DeleteBehaviour;
import io.tianshu.cmdb.ModelDiff;
import io.tianshu.cmdb.ModelGroup;
import io.tianshu.cmdb.ModelVersion;
import io.tianshu.cmdb.RelationDefinition;
import io.tianshu.cmdb.RelationType;
import io.tianshu.cmdb.web.Requests.DefinitionBody;
import io.tianshu.cmdb.web.Requests.GroupBody;
import io.tianshu.cmdb.web.Requests.ModelBody;
import io.tianshu.cmdb.web.Requests.RelationTypeBody;
import io.tianshu.platform.RequiresPermission;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/cmdb}: model groups, models and their versions, relation types and
 * relation definitions (资源模型管理).
 */
@RestController
@RequestMapping("/api/v1/cmdb")
class ModelController {

	private final CiModels models;

	ModelController(CiModels models) {
		this.models = models;
	}

	@GetMapping("/model-groups")
	@RequiresPermission(CmdbPermissions.MODEL_READ)
	List<ModelGroup> groups() {
		return this.models.groups();
	}

	@PostMapping("/model-groups")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(CmdbPermissions.MODEL_WRITE)
	ModelGroup createGroup(@RequestBody GroupBody body) {
		return this.models.createGroup(new ModelGroup(body.code(), body.name(), body.nameEn(),
				(body.sortOrder() != null) ? body.sortOrder() : 100));
	}

	@GetMapping("/models")
	@RequiresPermission(CmdbPermissions.MODEL_READ)
	List<CiModel> list(@RequestParam(required = false) String group) {
		return this.models.list(group);
	}

	@GetMapping("/models/{code}")
	@RequiresPermission(CmdbPermissions.MODEL_READ)
	CiModel get(@PathVariable String code) {
		return this.models.get(code);
	}

	@PostMapping("/models")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(CmdbPermissions.MODEL_WRITE)
	CiModel create(@RequestBody ModelBody body) {
		return this.models.create(body.toDraft());
	}

	@PutMapping("/models/{code}")
	@RequiresPermission(CmdbPermissions.MODEL_WRITE)
	CiModel update(@PathVariable String code, @RequestBody ModelBody body) {
		return this.models.update(code, body.toDraft());
	}

	@GetMapping("/models/{code}/versions")
	@RequiresPermission(CmdbPermissions.MODEL_READ)
	List<ModelVersion> versions(@PathVariable String code) {
		return this.models.versions(code);
	}

	@GetMapping("/models/{code}/versions/{version}")
	@RequiresPermission(CmdbPermissions.MODEL_READ)
	CiModel version(@PathVariable String code, @PathVariable int version) {
		return this.models.version(code, version);
	}

	/** The diff from {@code from} (default: the version before) to {@code version}. */
	@GetMapping("/models/{code}/versions/{version}/diff")
	@RequiresPermission(CmdbPermissions.MODEL_READ)
	ModelDiff diff(@PathVariable String code, @PathVariable int version, @RequestParam(required = false) Integer from) {
		return this.models.diff(code, (from != null) ? from : version - 1, version);
	}

	@GetMapping("/relation-types")
	@RequiresPermission(CmdbPermissions.MODEL_READ)
	List<RelationType> relationTypes() {
		return this.models.relationTypes();
	}

	@PostMapping("/relation-types")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(CmdbPermissions.MODEL_WRITE)
	RelationType createRelationType(@RequestBody RelationTypeBody body) {
		return this.models.createRelationType(new RelationType(body.code(), body.forwardLabel(), body.reverseLabel(),
				Boolean.TRUE.equals(body.acyclic()), false));
	}

	@GetMapping("/relation-definitions")
	@RequiresPermission(CmdbPermissions.MODEL_READ)
	List<RelationDefinition> definitions() {
		return this.models.relationDefinitions();
	}

	@PostMapping("/relation-definitions")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(CmdbPermissions.MODEL_WRITE)
	RelationDefinition define(@RequestBody DefinitionBody body) {
		return this.models.defineRelation(new RelationDefinition(null, body.sourceModel(), body.targetModel(),
				body.type(), Requests.enumValue(Cardinality.class, body.cardinality(), "cardinality", true),
				Requests.enumValue(DeleteBehaviour.class, body.deleteBehaviour(), "deleteBehaviour", true)));
	}

	@DeleteMapping("/relation-definitions/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresPermission(CmdbPermissions.MODEL_WRITE)
	void removeDefinition(@PathVariable UUID id) {
		this.models.removeRelationDefinition(id);
	}

}
