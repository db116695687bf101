package io.tianshu.cmdb;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tianshu.platform.TimeOrderedUuid;

/** The id of a configuration item (配置项), written as a plain UUID in JSON. */
public record CiId(@JsonValue UUID value) {

	public CiId {
		Objects.requireNonNull(value, "value");
	}

	@JsonCreator
	public static CiId of(UUID value) {
		return new CiId(value);
	}

	public static CiId random() {
		return new CiId(TimeOrderedUuid.next());
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
