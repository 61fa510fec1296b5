/**
 * Live monitoring, workbench side: monitored streams and their windows in the database (audited),
 * following an appended event file with resume after a crash, and the Prometheus endpoint and
 * textfile. The mathematics is in {@link dev.assay.core.monitor}.
 */
package dev.assay.core.live;
