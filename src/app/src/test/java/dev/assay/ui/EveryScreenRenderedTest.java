package dev.assay.ui;

/**
 * {@link ReadmeScreenshots} in {@code verify}: every screen, light and dark, rendered headless to
 * {@code src/app/target/screenshots}, checked for cut-off labels, empty axis units, chips on two
 * lines, a scroll bar on the navigation bar and blank pictures, and every screenshot the README
 * shows rendered. {@code docs/screenshots/render.sh} copies the same renderings into the README's
 * folder.
 */
class EveryScreenRenderedTest extends ReadmeScreenshots {}
