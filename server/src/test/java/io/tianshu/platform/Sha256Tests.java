package io.tianshu.platform;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Tests {

	private static String hex(String text) {
		return HexFormat.of().formatHex(Sha256.of(text.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void hashesAsFips180Says() {
		assertThat(hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	@Test
	void concurrentCallersDoNotShareState() throws Exception {
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<String>> hashes = pool.invokeAll(Collections.nCopies(2_000, () -> hex("abc")));
			for (Future<String> hash : hashes) {
				assertThat(hash.get()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
			}
		}
	}

}
