package io.tianshu.cmdb;

import java.time.LocalDate;

/** The scores of one daily snapshot (server time zone). */
public record QualityTrendPoint(LocalDate day, QualityScore score) {
}
