package io.tianshu.cmdb;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The id of a model (CI type), written as a plain UUID in JSON. */
public record ModelId(@JsonValue UUID value) {

	public ModelId {
		Objects.requireNonNull(value, "value");
	}

	@JsonCreator
	public static ModelId of(UUID value) {
		return new ModelId(value);
	}

	public static ModelId random() {
		return new ModelId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
