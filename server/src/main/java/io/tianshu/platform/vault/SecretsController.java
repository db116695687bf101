package io.tianshu.platform.vault;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.SecretMetadata;
import io.tianshu.platform.Vault;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/secrets}: metadata only; values go in and never come out.
 */
@RestController
@RequestMapping("/api/v1/secrets")
class SecretsController {

	private final Vault vault;

	SecretsController(Vault vault) {
		this.vault = vault;
	}

	@GetMapping
	@RequiresPermission(PlatformPermissions.SECRET_READ)
	List<SecretMetadata> list() {
		return this.vault.list();
	}

	@PostMapping
	@RequiresPermission(PlatformPermissions.SECRET_WRITE)
	ResponseEntity<SecretMetadata> create(@RequestBody NewSecret request) {
		SecretMetadata created = this.vault.store(request.name(), request.kind(), request.description(),
				request.value());
		return ResponseEntity.created(URI.create("/api/v1/secrets/" + created.id())).body(created);
	}

	@PutMapping("/{id}")
	@RequiresPermission(PlatformPermissions.SECRET_WRITE)
	SecretMetadata replace(@PathVariable UUID id, @RequestBody SecretChange request) {
		return this.vault.replace(id, request.value(), request.description());
	}

	@DeleteMapping("/{id}")
	@RequiresPermission(PlatformPermissions.SECRET_WRITE)
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		this.vault.delete(id);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Rotates the data-encryption key and re-encrypts every secret. (The master key
	 * itself lives outside the database; it is changed at start, see the operator docs.)
	 */
	@PostMapping("/rotate-master-key")
	@RequiresPermission(PlatformPermissions.SECRET_ROTATE)
	Rotated rotate() {
		return new Rotated(this.vault.rotateKey());
	}

	record NewSecret(String name, String kind, String description, String value) {

		@Override
		public String toString() {
			return "NewSecret[name=" + this.name + ", kind=" + this.kind + ", value=(hidden)]";
		}

	}

	record SecretChange(String value, String description) {

		@Override
		public String toString() {
			return "SecretChange[value=" + ((this.value != null) ? "(hidden)" : "unchanged") + "]";
		}

	}

	record Rotated(int reEncrypted) {
	}

}
