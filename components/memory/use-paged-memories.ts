"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { type ListQuery, listMemories } from "./api";
import type { MemoryItem, MemoryPage } from "./types";

export const PAGE_SIZE = 50;
/** The API's largest page (lib/memory/queries.ts MAX_PAGE_SIZE). */
const MAX_LIMIT = 200;

type Query = Omit<ListQuery, "cursor" | "limit">;

/**
 * One server-filtered, paginated list of memories ("Load more"), with local changes applied in
 * place. The API pages by offset, so after local deletes the next page would skip as many rows:
 * then "Load more" re-reads the list from the start instead. Pages are de-duplicated by id, which
 * covers rows that local additions pushed down.
 */
export function usePagedMemories(initial: MemoryPage, query: Query) {
  const describeError = useErrorMessage();
  const [memories, setMemories] = useState(initial.memories);
  const [nextCursor, setNextCursor] = useState(initial.next_cursor);
  const [loading, setLoading] = useState<"reload" | "more" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const removedSinceFetch = useRef(0);
  const latestRequest = useRef(0);
  const queryKey = JSON.stringify(query);

  /** Reads `count` rows from the start (several requests past the API's page limit). */
  const readFromStart = useCallback(
    async (count: number, requestId: number) => {
      const parsed = JSON.parse(queryKey) as Query;
      const rows: MemoryItem[] = [];
      let cursor: string | null = null;
      do {
        const result = await listMemories({
          ...parsed,
          cursor,
          limit: Math.min(MAX_LIMIT, count - rows.length),
        });
        if (requestId !== latestRequest.current) return;
        if (!result.ok) {
          setError(describeError(result));
          return;
        }
        rows.push(...result.data.memories);
        cursor = result.data.next_cursor;
      } while (cursor && rows.length < count);
      removedSinceFetch.current = 0;
      setMemories(dedupe(rows));
      setNextCursor(cursor);
      setError(null);
    },
    [queryKey, describeError],
  );

  const reload = useCallback(async () => {
    const requestId = ++latestRequest.current;
    setLoading("reload");
    await readFromStart(PAGE_SIZE, requestId);
    if (requestId === latestRequest.current) setLoading(null);
  }, [readFromStart]);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    const requestId = ++latestRequest.current;
    setLoading("more");
    if (removedSinceFetch.current > 0) {
      await readFromStart(memories.length + PAGE_SIZE, requestId);
    } else {
      const result = await listMemories({
        ...(JSON.parse(queryKey) as Query),
        cursor: nextCursor,
        limit: PAGE_SIZE,
      });
      if (requestId !== latestRequest.current) return;
      if (result.ok) {
        setMemories((current) => dedupe([...current, ...result.data.memories]));
        setNextCursor(result.data.next_cursor);
        setError(null);
      } else {
        setError(describeError(result));
      }
    }
    if (requestId === latestRequest.current) setLoading(null);
  }, [memories.length, nextCursor, queryKey, readFromStart, describeError]);

  // The first render shows the server's first page; later filter changes read the list again.
  const shownQuery = useRef(queryKey);
  useEffect(() => {
    if (shownQuery.current === queryKey) return;
    shownQuery.current = queryKey;
    void reload();
  }, [queryKey, reload]);

  /** Puts a changed memory in place, or at the top when it is new to the list. */
  const upsert = useCallback((memory: MemoryItem) => {
    setMemories((current) =>
      current.some((item) => item.id === memory.id)
        ? current.map((item) => (item.id === memory.id ? memory : item))
        : [memory, ...current],
    );
  }, []);

  /** Takes a memory off the list (the caller knows it is on it). */
  const remove = useCallback((id: string) => {
    removedSinceFetch.current += 1;
    setMemories((current) => current.filter((item) => item.id !== id));
  }, []);

  /** Puts a restored memory back where its deleted self was. */
  const insertAt = useCallback((memory: MemoryItem, index: number) => {
    removedSinceFetch.current = Math.max(0, removedSinceFetch.current - 1);
    setMemories((current) => {
      const rest = current.filter((item) => item.id !== memory.id);
      return [...rest.slice(0, index), memory, ...rest.slice(index)];
    });
  }, []);

  const clear = useCallback(() => {
    latestRequest.current += 1;
    removedSinceFetch.current = 0;
    setMemories([]);
    setNextCursor(null);
    setLoading(null);
  }, []);

  return {
    memories,
    nextCursor,
    loading,
    error,
    reload,
    loadMore,
    upsert,
    remove,
    insertAt,
    clear,
  };
}

function dedupe(memories: MemoryItem[]): MemoryItem[] {
  const seen = new Set<string>();
  return memories.filter((memory) => {
    if (seen.has(memory.id)) return false;
    seen.add(memory.id);
    return true;
  });
}
