package io.tianshu.cmdb.query;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SQL text with named parameters: values only ever enter through {@link #bind}, never
 * into the text.
 */
public final class SqlBuffer {

	private final StringBuilder text = new StringBuilder();

	private final Map<String, Object> params = new LinkedHashMap<>();

	private final String prefix;

	private int next;

	public SqlBuffer(String prefix) {
		this.prefix = prefix;
	}

	public SqlBuffer append(String sql) {
		this.text.append(sql);
		return this;
	}

	/** A new parameter holding the value; returns its placeholder ({@code :q3}). */
	public String bind(Object value) {
		String name = this.prefix + this.next++;
		this.params.put(name, value);
		return ":" + name;
	}

	public int length() {
		return this.text.length();
	}

	public String sql() {
		return this.text.toString();
	}

	public Map<String, Object> params() {
		return this.params;
	}

}
