package io.tianshu.cmdb.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.model.BundleImportResult;
import io.tianshu.cmdb.model.BundlePreview;
import io.tianshu.cmdb.model.CiNonconformity;
import io.tianshu.cmdb.model.ModelBundle;
import io.tianshu.cmdb.model.ModelBundles;
import io.tianshu.cmdb.model.ModelConformance;
import io.tianshu.cmdb.model.ModelPreview;
import io.tianshu.cmdb.web.Requests.ModelBody;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/cmdb}: model bundles (export, preview, import), previews of model edits,
 * restores of earlier versions and the CIs that model changes left non-conforming. A
 * bundle is sent as a JSON body or as the {@code file} part of a multipart upload.
 */
@RestController
@RequestMapping("/api/v1/cmdb")
class ModelBundleController {

	private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
		.withZone(ZoneOffset.UTC);

	private final ModelBundles bundles;

	private final ModelConformance conformance;

	ModelBundleController(ModelBundles bundles, ModelConformance conformance) {
		this.bundles = bundles;
		this.conformance = conformance;
	}

	/** {@code models}: comma-separated model codes; all models when absent. */
	@GetMapping("/bundle")
	@RequiresPermission(CmdbPermissions.MODEL_READ)
	ResponseEntity<ModelBundle> export(@RequestParam(required = false) String models) {
		ModelBundle bundle = this.bundles.export(List.copyOf(Requests.types(models)));
		String name = "tianshu-models-" + FILE_TIME.format(bundle.exportedAt()) + ".json";
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body(bundle);
	}

	@PostMapping(path = "/bundle/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RequiresPermission(CmdbPermissions.MODEL_READ)
	BundlePreview preview(@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ModelBundle.class))) @RequestBody JsonNode body) {
		return this.bundles.preview(this.bundles.read(body));
	}

	@PostMapping(path = "/bundle/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@RequiresPermission(CmdbPermissions.MODEL_READ)
	BundlePreview previewFile(@RequestPart(name = "file", required = false) MultipartFile file) {
		return this.bundles.preview(this.bundles.read(bytes(file)));
	}

	/**
	 * Applies the bundle; destructive changes only with {@code allowDestructive=true}.
	 */
	@PostMapping(path = "/bundle/import", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RequiresPermission(CmdbPermissions.MODEL_WRITE)
	BundleImportResult importBundle(
			@io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = ModelBundle.class))) @RequestBody JsonNode body,
			@RequestParam(defaultValue = "false") boolean allowDestructive) {
		return this.bundles.importBundle(this.bundles.read(body), allowDestructive);
	}

	@PostMapping(path = "/bundle/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@RequiresPermission(CmdbPermissions.MODEL_WRITE)
	BundleImportResult importFile(@RequestPart(name = "file", required = false) MultipartFile file,
			@RequestParam(defaultValue = "false") boolean allowDestructive) {
		return this.bundles.importBundle(this.bundles.read(bytes(file)), allowDestructive);
	}

	/**
	 * What {@code PUT /models/{code}} with this body would change, and to how many CIs.
	 */
	@PostMapping("/models/{code}/preview")
	@RequiresPermission(CmdbPermissions.MODEL_READ)
	ModelPreview previewEdit(@PathVariable String code, @RequestBody ModelBody body) {
		return this.bundles.previewEdit(code, body.toDraft());
	}

	@GetMapping("/models/{code}/versions/{version}/restore-preview")
	@RequiresPermission(CmdbPermissions.MODEL_READ)
	ModelPreview previewRestore(@PathVariable String code, @PathVariable int version) {
		return this.bundles.previewRestore(code, version);
	}

	/**
	 * Creates a new version equal to {@code version}; destructive changes only with
	 * {@code allowDestructive=true}.
	 */
	@PostMapping("/models/{code}/versions/{version}/restore")
	@RequiresPermission(CmdbPermissions.MODEL_WRITE)
	CiModel restore(@PathVariable String code, @PathVariable int version,
			@RequestParam(defaultValue = "false") boolean allowDestructive) {
		return this.bundles.restore(code, version, allowDestructive);
	}

	@GetMapping("/models/{code}/nonconforming")
	@RequiresPermission(CmdbPermissions.MODEL_READ)
	CursorPage<CiNonconformity> nonconforming(@PathVariable String code, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "50") int limit) {
		return this.conformance.ofModel(code, cursor, limit);
	}

	@GetMapping("/cis/{id}/nonconformities")
	@RequiresPermission(CmdbPermissions.CI_READ)
	List<CiNonconformity> nonconformities(@PathVariable UUID id) {
		return this.conformance.ofCi(new CiId(id));
	}

	private static byte[] bytes(MultipartFile file) {
		if (file == null) {
			throw TianshuException.invalidField("file", "cmdb.bundle.file-required", "A file part is required");
		}
		if (file.getSize() > ModelBundles.MAX_BYTES) {
			throw TianshuException.invalidField("file", "cmdb.bundle.too-large",
					"the bundle file is larger than " + ModelBundles.MAX_BYTES / 1024 / 1024 + " MiB");
		}
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
