/**
 * The memory page's calls to the JSON API (app/api/memories, app/api/settings/memory). Every
 * call resolves — never throws — to the data or to the API's error message, ready to show next
 * to the control that failed.
 */
import type { MemoryHistoryEntry, MemoryItem, MemoryPage, MemorySummary } from "./types";

export type ApiResult<T> = { ok: true; data: T } | { ok: false; message: string; field?: string };

type ErrorBody = { error?: { message?: string; field?: string } };

async function call<T>(url: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: init.body ? { "content-type": "application/json" } : undefined,
    });
  } catch {
    return { ok: false, message: "Could not reach Ingat. Check your connection and try again." };
  }
  if (response.ok) {
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    return { ok: true, data: data as T };
  }
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  const field = body?.error?.field;
  let message = body?.error?.message ?? `Something went wrong (${response.status}). Try again.`;
  // "topic: Topic is required" reads twice next to the Topic field.
  if (field && message.startsWith(`${field}: `)) message = message.slice(field.length + 2);
  return { ok: false, message, field };
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  body: JSON.stringify(body),
});

export type ListQuery = {
  status: "active" | "suggested";
  q?: string;
  type?: string;
  category?: string;
  cursor?: string | null;
  limit?: number;
};

export function listMemories(query: ListQuery, signal?: AbortSignal) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(name, String(value));
  }
  return call<MemoryPage>(`/api/memories?${params}`, { signal });
}

export type MemoryFields = { type: string; category: string; topic: string; detail: string };

export const createMemory = (fields: MemoryFields) =>
  call<{ memory: MemoryItem }>("/api/memories", json("POST", fields));

/** Undo of a delete: sends back the page's copy of the memory. */
export const restoreMemory = (memory: MemoryItem) =>
  call<{ memory: MemoryItem }>("/api/memories", json("POST", { restore: memory }));

const memoryUrl = (id: string) => `/api/memories/${encodeURIComponent(id)}`;

export const editMemory = (id: string, fields: Partial<MemoryFields>) =>
  call<{ memory: MemoryItem }>(memoryUrl(id), json("PATCH", fields));

export const confirmMemory = (id: string) =>
  call<{ memory: MemoryItem }>(memoryUrl(id), json("PATCH", { confirm: true }));

export const acceptSuggestion = (id: string) =>
  call<{ memory: MemoryItem }>(memoryUrl(id), json("PATCH", { accept: true }));

export const rejectSuggestion = (id: string) =>
  call<null>(memoryUrl(id), json("PATCH", { reject: true }));

export const deleteMemory = (id: string) => call<null>(memoryUrl(id), { method: "DELETE" });

export const deleteAllMemories = () =>
  call<{ deleted: number }>("/api/memories?all=true", { method: "DELETE" });

export const memoryHistory = (id: string) =>
  call<{ history: MemoryHistoryEntry[] }>(`${memoryUrl(id)}/history`);

export const memorySummary = () => call<MemorySummary>("/api/memories/summary");

export const setMemoryEnabled = (enabled: boolean) =>
  call<{ enabled: boolean }>("/api/settings/memory", json("PATCH", { enabled }));
