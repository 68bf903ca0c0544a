// Figures of a report's timeline that the Playwright suite and the
// WebKitGTK suite (tests/webkit) both check; no browser needed.

// The most spans open at one time (touching ends do not overlap).
export function maxOverlap(spans) {
  const edges = spans.flatMap((s) => [[s.start_ms, 1], [s.end_ms, -1]]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let most = 0;
  for (const [, step] of edges) {
    open += step;
    most = Math.max(most, open);
  }
  return most;
}
