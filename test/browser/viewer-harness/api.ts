// What the harness page offers the test on `window.harness`. Plain data only: the test is
// type-checked without DOM types, so everything that touches the DOM stays on the page side.

/** Where a page canvas sits, in CSS pixels, next to the scrolling pane that holds it. */
export interface CanvasBox {
  top: number;
  bottom: number;
  width: number;
  height: number;
  paneTop: number;
  paneBottom: number;
  paneWidth: number;
}

export interface ViewerHarness {
  /** The pages onPageSeen reported for the document shown, in the order it reported them. */
  seenPages: number[];
  /** How long each of those pages had been on screen when it was reported, in ms. */
  seenMs: number[];
  /** Every onPageCount value, in order. */
  pageCounts: number[];
  /** The most page canvases in the DOM at once since trackPageCanvases(). */
  maxPageCanvases: number;
  /** Shows another fixture (new bytes), or unmounts the viewer with null. */
  show(file: string | null): Promise<void>;
  /** renderThumbnail's result, decoded: its scheme and pixel width. */
  thumbnail(file: string, widthPx: number): Promise<{ scheme: string; width: number }>;
  /** Dark pixels on the page canvas labelled `label`; 0 when it is absent or blank. */
  inkedPixels(label: string): number;
  /** The bitmap width of the page canvas labelled `label`, 0 when absent. */
  canvasWidth(label: string): number;
  canvasBox(label: string): CanvasBox | null;
  trackPageCanvases(): void;
  scrollPagesTo(top: number): void;
  pagesScrollHeight(): number;
  pagesClientHeight(): number;
  /** The text of the "Page x of y" indicator, which is also that page canvas's label. */
  positionText(): string;
  /** The label of the thumbnail marked as the current page ("Page 4"), '' when none is. */
  currentThumbnail(): string;
  /**
   * Shows a fixture and resolves with the milliseconds from the call until page 1's drawing is on
   * screen (its canvas swapped into the page box, which happens only once pdf.js has drawn it).
   */
  showTimed(file: string): Promise<number>;
  /** Durations (ms) of the long tasks (> 50 ms) Chromium reported since trackLongTasks(). */
  longTasks: number[];
  trackLongTasks(): void;
  /** Canvases in the pages pane right now. */
  pageCanvasCount(): number;
}

export interface HarnessWindow {
  harness: ViewerHarness;
}
