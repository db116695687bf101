package io.tianshu.platform.vault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MasterKeyTests {

	@TempDir
	Path dataDir;

	@Test
	void keyFileIsCreatedOwnerOnlyAndReadBack() throws Exception {
		MasterKey created = MasterKey.load(null, this.dataDir);
		Path file = this.dataDir.resolve("master.key");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
		MasterKey again = MasterKey.load("", this.dataDir);
		assertThat(again.key().getEncoded()).isEqualTo(created.key().getEncoded());
		assertThat(again.matches(created.keyCheck())).isTrue();
	}

	@Test
	void groupOrWorldReadableKeyFileIsRefused() throws Exception {
		MasterKey.load(null, this.dataDir);
		Path file = this.dataDir.resolve("master.key");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		assertThatIllegalStateException().isThrownBy(() -> MasterKey.load(null, this.dataDir))
			.withMessageContaining("accessible to group or others")
			.withMessageContaining("chmod 600");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
		assertThatIllegalStateException().isThrownBy(() -> MasterKey.load(null, this.dataDir));
	}

	@Test
	void configuredKeyWinsOverTheFileAndIsChecked() {
		String configured = Base64.getEncoder().encodeToString(Aead.randomKeyBytes());
		MasterKey key = MasterKey.load(configured, this.dataDir);
		assertThat(key.key().getEncoded()).isEqualTo(Base64.getDecoder().decode(configured));
		assertThat(Files.exists(this.dataDir.resolve("master.key"))).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> MasterKey.load("c2hvcnQ=", this.dataDir))
			.withMessageContaining("must be 32 bytes");
		assertThatIllegalStateException().isThrownBy(() -> MasterKey.load("not base64!", this.dataDir))
			.withMessageContaining("not valid base64");
	}

	@Test
	void keyCheckTellsKeysApart() {
		MasterKey one = MasterKey.decode(Base64.getEncoder().encodeToString(Aead.randomKeyBytes()), "test");
		MasterKey two = MasterKey.decode(Base64.getEncoder().encodeToString(Aead.randomKeyBytes()), "test");
		assertThat(one.matches(one.keyCheck())).isTrue();
		assertThat(one.matches(two.keyCheck())).isFalse();
		assertThat(one.matches(null)).isFalse();
	}

}
