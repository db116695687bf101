package io.tianshu.platform;

import java.time.Instant;
import java.util.UUID;

/**
 * What may be known about a secret without its value.
 *
 * @param keyVersion the data-encryption key version its value is encrypted with
 */
public record SecretMetadata(UUID id, String name, String kind, String description, Instant createdAt,
		Instant updatedAt, int keyVersion) {
}
