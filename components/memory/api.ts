/**
 * The memory page's calls to the JSON API (app/api/memories, app/api/settings/memory). Every
 * call resolves — never throws — to the data or to the API's error (code, reason and English
 * message), which `useErrorMessage` says in the reader's language next to the control that failed.
 */
import type { ErrorDescription } from "@/lib/i18n/error-message";
import type { MemoryHistoryEntry, MemoryItem, MemoryPage, MemorySummary } from "./types";

export type ApiFailure = ErrorDescription & { ok: false; message: string; field?: string };
export type ApiResult<T> = { ok: true; data: T } | ApiFailure;

type ErrorBody = { error?: ErrorDescription & { field?: string } };

async function call<T>(url: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: init.body ? { "content-type": "application/json" } : undefined,
    });
  } catch {
    return {
      ok: false,
      reason: "unreachable",
      message: "Could not reach Ingat. Check your connection and try again.",
    };
  }
  if (response.ok) {
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    return { ok: true, data: data as T };
  }
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  const error = body?.error;
  const field = error?.field;
  let message = error?.message ?? `Something went wrong (${response.status}). Try again.`;
  // "topic: Topic is required" reads twice next to the Topic field.
  if (field && message.startsWith(`${field}: `)) message = message.slice(field.length + 2);
  if (!error?.code) {
    return { ok: false, message, reason: "http_status", params: { status: response.status } };
  }
  return {
    ok: false,
    message,
    field,
    code: error.code,
    reason: error.reason,
    params: error.params,
  };
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  body: JSON.stringify(body),
});

export type ListQuery = {
  status: "active" | "suggested";
  q?: string;
  sort?: "newest" | "last_used" | "most_used";
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

/**
 * Undo of a delete: the token the delete answered with. The server brings the memory back from
 * what it kept; nothing about the memory is sent.
 */
export const restoreMemory = (undoToken: string) =>
  call<{ memory: MemoryItem }>("/api/memories/restore", json("POST", { undo_token: undoToken }));

const memoryUrl = (id: string) => `/api/memories/${encodeURIComponent(id)}`;

export const editMemory = (id: string, fields: Partial<MemoryFields>) =>
  call<{ memory: MemoryItem }>(memoryUrl(id), json("PATCH", fields));

export const confirmMemory = (id: string) =>
  call<{ memory: MemoryItem }>(memoryUrl(id), json("PATCH", { confirm: true }));

export const acceptSuggestion = (id: string) =>
  call<{ memory: MemoryItem }>(memoryUrl(id), json("PATCH", { accept: true }));

export const rejectSuggestion = (id: string) =>
  call<null>(memoryUrl(id), json("PATCH", { reject: true }));

/** What a delete answers: the token that undoes it, until the undo window ends. */
export type DeleteReceipt = { undo_token: string; undo_expires_at: string };

export const deleteMemory = (id: string) =>
  call<DeleteReceipt>(memoryUrl(id), { method: "DELETE" });

export const deleteAllMemories = () =>
  call<{ deleted: number }>("/api/memories?all=true", { method: "DELETE" });

export const memoryHistory = (id: string) =>
  call<{ history: MemoryHistoryEntry[] }>(`${memoryUrl(id)}/history`);

export const memorySummary = () => call<MemorySummary>("/api/memories/summary");

// keepalive: the switch shows the new state at once, so a user may reload or leave before the
// request is answered; the browser still delivers it.
export const setMemoryEnabled = (enabled: boolean) =>
  call<{ enabled: boolean }>("/api/settings/memory", {
    ...json("PATCH", { enabled }),
    keepalive: true,
  });

/** What an import of an export file would do, or did (lib/memory/import-file.ts). */
export type ImportReport = {
  added: number;
  updated: number;
  skipped: number;
  items: {
    outcome: "added" | "updated" | "skipped";
    reason: string;
    type: MemoryItem["type"];
    category: string;
    topic: string;
    detail: string;
    status: MemoryItem["status"];
  }[];
};

/** The file's text is sent as it is: the server parses and checks it. */
export const previewImport = (fileText: string) =>
  call<ImportReport>("/api/memories/import/preview", { method: "POST", body: fileText });

export const applyImport = (fileText: string) =>
  call<ImportReport>("/api/memories/import", { method: "POST", body: fileText });

export const importPastedText = (text: string) =>
  call<{ suggestions: MemoryItem[]; rejected: number; skipped: number }>(
    "/api/memories/import/text",
    json("POST", { text }),
  );

export type DuplicatePair = { similarity: number; memories: [MemoryItem, MemoryItem] };

export const listDuplicates = () =>
  call<{ duplicates: DuplicatePair[] }>("/api/memories/duplicates");

export const mergeDuplicates = (memoryIds: [string, string]) =>
  call<{ memory: MemoryItem; removed_id: string }>(
    "/api/memories/duplicates/merge",
    json("POST", { memory_ids: memoryIds }),
  );

export const keepBothMemories = (memoryIds: [string, string]) =>
  call<null>("/api/memories/duplicates/keep-both", json("POST", { memory_ids: memoryIds }));
