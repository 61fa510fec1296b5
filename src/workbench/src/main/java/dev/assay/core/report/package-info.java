/**
 * The compliance workbook: an XLSX file (Apache POI) that puts the evidence Assay holds about one
 * evaluation run of a model version in front of a reviewer, sheet by sheet, with a regulatory
 * crosswalk loaded from data ({@code reports/crosswalk.csv}).
 *
 * <p>Entry point: {@link dev.assay.core.report.ComplianceWorkbook}. Optional report kinds (version
 * comparison, fairness, security) plug in through {@link dev.assay.core.report.WorkbookSection}.
 */
package dev.assay.core.report;
