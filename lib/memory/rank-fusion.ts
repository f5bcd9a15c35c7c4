/**
 * Reciprocal rank fusion: merges rankings that score on different scales (full-text ts_rank,
 * cosine similarity) by position alone. Each list adds 1 / (k + position) to an item's score;
 * k = 60 is the usual constant, which keeps one list's first place from outweighing an item
 * that both lists rank well.
 */
export const RRF_K = 60;

/** The items of all lists, best fused score first; ties keep the order they were first seen. */
export function fuseRankings<Item extends { id: string }>(lists: Item[][], k = RRF_K): Item[] {
  const fused = new Map<string, { item: Item; score: number; seen: number }>();
  for (const list of lists) {
    list.forEach((item, position) => {
      const entry = fused.get(item.id);
      const score = 1 / (k + position + 1);
      if (entry) entry.score += score;
      else fused.set(item.id, { item, score, seen: fused.size });
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.seen - b.seen)
    .map((entry) => entry.item);
}

/** Cosine similarity of two vectors of one length (0 when either is all zeros). */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
