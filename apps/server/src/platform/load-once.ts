/**
 * A module (or anything) loaded on first use and shared after that. For heavy dependencies only a few routes need —
 * image decoding, PDF writing — so that every node does not carry them in memory from the start.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}
