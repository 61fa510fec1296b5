/**
 * Stored explanations: the workbench's table of {@code assay explain} results with their audit
 * entries. The computation itself is in {@code dev.assay.core.explain}.
 */
package dev.assay.core.explanations;
