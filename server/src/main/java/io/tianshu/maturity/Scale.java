package io.tianshu.maturity;

import java.util.List;

/**
 * A level scale, e.g. 000's technical-management maturity (1 基础级 … 3 持续优化级) or
 * technical-application maturity (1 初始级 … 5 顶尖级).
 *
 * @param id unique within its framework, e.g. {@code management}, {@code application}
 * @param name the scale's name
 * @param levels the levels in order, numbered from 1 without gaps
 */
public record Scale(String id, LocalizedText name, List<ScaleLevel> levels) {

	public Scale {
		levels = (levels != null) ? List.copyOf(levels) : List.of();
	}

	/** The highest level number. */
	public int maxLevel() {
		return this.levels.size();
	}

	/**
	 * One step of a scale.
	 *
	 * @param level the number, from 1
	 * @param name its name (基础级 Foundational …)
	 * @param description what the level means overall, in the project's own words
	 */
	public record ScaleLevel(int level, LocalizedText name, LocalizedText description) {
	}

}
