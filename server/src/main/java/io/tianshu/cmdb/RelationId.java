package io.tianshu.cmdb;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tianshu.platform.TimeOrderedUuid;

/** The id of a relation between two CIs, written as a plain UUID in JSON. */
public record RelationId(@JsonValue UUID value) {

	public RelationId {
		Objects.requireNonNull(value, "value");
	}

	@JsonCreator
	public static RelationId of(UUID value) {
		return new RelationId(value);
	}

	public static RelationId random() {
		return new RelationId(TimeOrderedUuid.next());
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
