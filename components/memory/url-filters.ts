/**
 * The memory page's search, filters and order as they appear in its address (`?q=tea&type=goal&
 * category=food&sort=most_used`), so reload, Back/Forward and a shared link show the same view. Read by the
 * server page (for the first render) and the client; whatever the address holds, only a known
 * type, a category of the stored form and a search of bounded length are taken, never an error.
 */
import { MEMORY_TYPES } from "@/lib/memory/vocabulary";
import type { MemoryFilters, MemorySort, MemoryType } from "./types";

export const NO_FILTERS: MemoryFilters = { q: "", type: "", category: "", sort: "newest" };
/** The orders the Sort select offers, its first the default. */
export const MEMORY_SORTS: readonly MemorySort[] = ["newest", "last_used", "most_used"];
const MAX_SEARCH = 200;
const MAX_CATEGORY = 60;

type ParamSource = { get(name: string): string | null } | Record<string, unknown>;

function read(source: ParamSource, name: string): string {
  const value =
    typeof source.get === "function"
      ? (source as { get(name: string): string | null }).get(name)
      : (source as Record<string, unknown>)[name];
  if (Array.isArray(value)) return typeof value[0] === "string" ? value[0] : "";
  return typeof value === "string" ? value : "";
}

/** Cut to `max` UTF-16 units without leaving half of a surrogate pair at the end. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

export function parseMemoryFilters(source: ParamSource): MemoryFilters {
  const type = read(source, "type");
  const category = read(source, "category").trim().toLowerCase();
  const sort = read(source, "sort");
  return {
    q: clip(read(source, "q").trim(), MAX_SEARCH),
    type: (MEMORY_TYPES as readonly string[]).includes(type) ? (type as MemoryType) : "",
    category: category.length <= MAX_CATEGORY ? category : "",
    sort: (MEMORY_SORTS as readonly string[]).includes(sort) ? (sort as MemorySort) : "newest",
  };
}

/** The query string of a set of filters, without the empty ones ("" when none is set). */
export function memoryFiltersQuery(filters: MemoryFilters): string {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.type) params.set("type", filters.type);
  if (filters.category) params.set("category", filters.category);
  if (filters.sort !== "newest") params.set("sort", filters.sort);
  const query = params.toString();
  return query ? `?${query}` : "";
}
