package io.tianshu.maturity;

/**
 * One requirement of one level, e.g. point c) of level 2 in 000 §7.2.1.3 table 5.
 *
 * @param id stable id, never reused ({@code <nodeId>.L<level>.<point>}, e.g.
 * {@code 000.7.2.1.3.L2.c})
 * @param point the point's letter or number as the document numbers it ({@code a},
 * {@code b} …), or {@code 1} when a level has a single unnumbered requirement
 * @param clause the full reference: document, section, table, level, point, e.g.
 * {@code 000 §7.2.1.3 表5 L2 c)}
 * @param summary what the criterion asks, in the project's own words
 */
public record Criterion(String id, String point, String clause, LocalizedText summary) {
}
