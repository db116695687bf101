package io.tianshu.platform;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a list: its items and, when there are more, the opaque cursor that fetches
 * the next page ({@code ?cursor=...}). Cursors are stable under inserts, unlike offsets.
 */
public record CursorPage<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {

	public CursorPage {
		items = List.copyOf(items);
	}

}
