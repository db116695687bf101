package io.tianshu.platform.console;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tianshu.TianshuIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * springdoc names a schema after the class's simple name (or its {@code @Schema(name)});
 * two classes with the same name, such as nested {@code Draft} records of different
 * aggregates, silently share one schema, and the console's generated types for one of
 * them are wrong. This walks every request body and answer of every endpoint, through
 * record components and fields, and fails when one schema name stands for two classes.
 */
@TianshuIntegrationTest
class OpenApiSchemaNamesTests {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Test
	void everySchemaNameStandsForOneClass() {
		Map<String, Set<String>> classesByName = new TreeMap<>();
		Set<Class<?>> seen = new HashSet<>();
		for (HandlerMethod method : this.mapping.getHandlerMethods().values()) {
			collect(method.getReturnType().getGenericParameterType(), seen, classesByName);
			for (MethodParameter parameter : method.getMethodParameters()) {
				if (parameter.hasParameterAnnotation(RequestBody.class)) {
					collect(parameter.getGenericParameterType(), seen, classesByName);
				}
			}
		}
		assertThat(classesByName).as("schema names in the API").containsKeys("AlertView", "SilenceDraft");
		Map<String, Set<String>> clashes = classesByName.entrySet()
			.stream()
			.filter((e) -> e.getValue().size() > 1)
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
		assertThat(clashes).as("schema names used by more than one class (give one a @Schema(name = ...))").isEmpty();
	}

	private static void collect(Type type, Set<Class<?>> seen, Map<String, Set<String>> out) {
		if (type instanceof ParameterizedType parameterized) {
			collect(parameterized.getRawType(), seen, out);
			for (Type argument : parameterized.getActualTypeArguments()) {
				collect(argument, seen, out);
			}
		}
		else if (type instanceof WildcardType wildcard) {
			for (Type bound : wildcard.getUpperBounds()) {
				collect(bound, seen, out);
			}
		}
		else if (type instanceof GenericArrayType array) {
			collect(array.getGenericComponentType(), seen, out);
		}
		else if (type instanceof Class<?> type1) {
			Class<?> c = type1.isArray() ? type1.getComponentType() : type1;
			if (!c.getName().startsWith("io.tianshu.") || c.isEnum() || c.isInterface() || !seen.add(c)) {
				return;
			}
			// a generic class is named after its arguments (CursorPageAlertView)
			if (c.getTypeParameters().length == 0) {
				out.computeIfAbsent(schemaName(c), (n) -> new TreeSet<>()).add(c.getName());
			}
			if (c.isRecord()) {
				for (RecordComponent component : c.getRecordComponents()) {
					collect(component.getGenericType(), seen, out);
				}
			}
			else {
				for (Field field : c.getDeclaredFields()) {
					if (!Modifier.isStatic(field.getModifiers())) {
						collect(field.getGenericType(), seen, out);
					}
				}
			}
		}
	}

	private static String schemaName(Class<?> c) {
		Schema schema = c.getAnnotation(Schema.class);
		return (schema != null && !schema.name().isEmpty()) ? schema.name() : c.getSimpleName();
	}

}
