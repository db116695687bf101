package io.tianshu.platform;

import java.util.List;

/**
 * One page of a list: its items and, when there are more, the opaque cursor that fetches
 * the next page ({@code ?cursor=...}). Cursors are stable under inserts, unlike offsets.
 */
public record CursorPage<T>(List<T> items, String nextCursor) {

	public CursorPage {
		items = List.copyOf(items);
	}

}
