package io.tianshu.event.listen;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyslogFrameReaderTests {

	private static List<String> frames(String stream, int max) throws IOException {
		SyslogFrameReader reader = new SyslogFrameReader(
				new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), max);
		List<String> out = new ArrayList<>();
		SyslogFrameReader.Frame frame;
		while ((frame = reader.next()) != null) {
			out.add(frame.ok() ? new String(frame.bytes(), StandardCharsets.UTF_8) : "!" + frame.reason());
		}
		return out;
	}

	@Test
	void octetCountingAndNewlineFramingMixed() throws IOException {
		assertThat(frames("11 <13>a\nb c d10 <13>second<13>line one\r\n<13>line two\n\n<13>last", 1000))
			.containsExactly("<13>a\nb c d", "<13>second", "<13>line one", "<13>line two", "<13>last");
	}

	@Test
	void octetCountedFrameMayContainNewlinesAndNuls() throws IOException {
		assertThat(frames("8 <13>x\u0000\ny\n", 1000)).containsExactly("<13>x\u0000\ny");
	}

	@Test
	void aLineStartingWithDigitsIsNotACount() throws IOException {
		assertThat(frames("2024-06-11 something\n123\n", 1000)).containsExactly("2024-06-11 something", "123");
	}

	@Test
	void oversizedFramesAreSkippedAndReadingGoesOn() throws IOException {
		String big = "x".repeat(50);
		assertThat(frames("50 " + big + "6 <13>ok" + "<13>" + big + "\n<13>fine\n", 20))
			.containsExactly("!syslog.frame-too-long", "<13>ok", "!syslog.frame-too-long", "<13>fine");
	}

	@Test
	void aCountLongerThanTheStreamIsATruncatedFrame() throws IOException {
		assertThat(frames("100 <13>short", 1000)).containsExactly("!syslog.truncated-frame");
	}

	@Test
	void longLinesSpanningManyReadsAreJoined() throws IOException {
		String line = "<13>" + "y".repeat(200_000);
		assertThat(frames(line + "\n" + line + "\n", 300_000)).containsExactly(line, line);
	}

}
