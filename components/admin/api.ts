/**
 * The admin page's calls to /api/admin. Every call resolves — never throws — to the data or to
 * the API's error message, shown next to the control that failed.
 */
import type { DoctorReport } from "@/lib/ai/doctor";
import type { ErrorDescription } from "@/lib/i18n/error-message";

export type AdminUser = {
  id: string;
  email: string;
  role: "user" | "admin";
  createdAt: string;
  disabledAt: string | null;
  lastActiveAt: string | null;
  chats: number;
  messages: number;
  memories: number;
  failedJobs: number;
};

export type RegistrationMode = "open" | "invite" | "closed";

export type ApiFailure = ErrorDescription & { ok: false; message: string; field?: string };
export type ApiResult<T> = { ok: true; data: T } | ApiFailure;

type ErrorBody = { error?: ErrorDescription & { field?: string } };

async function call<T>(url: string, method = "GET", body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      // Every write sends JSON, even an empty object: JSON routes accept nothing else.
      ...(method === "GET"
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) }),
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
  const error = ((await response.json().catch(() => null)) as ErrorBody | null)?.error;
  let message = error?.message ?? `Something went wrong (${response.status}). Try again.`;
  if (error?.field && message.startsWith(`${error.field}: `)) {
    message = message.slice(error.field.length + 2);
  }
  if (!error?.code) {
    return { ok: false, message, reason: "http_status", params: { status: response.status } };
  }
  return {
    ok: false,
    message,
    field: error.field,
    code: error.code,
    reason: error.reason,
    params: error.params,
  };
}

export const listUsers = () => call<{ users: AdminUser[] }>("/api/admin/users");

export const setUserDisabled = (userId: string, disabled: boolean) =>
  call<unknown>(`/api/admin/users/${userId}`, "PATCH", { disabled });

export const deleteUser = (userId: string, email: string) =>
  call<null>(`/api/admin/users/${userId}`, "DELETE", { email });

export const saveRegistrationMode = (registrationMode: RegistrationMode) =>
  call<{ registrationMode: RegistrationMode }>("/api/admin/settings", "PUT", {
    registrationMode,
  });

export const createInvite = () =>
  call<{ invite: { path: string; expiresAt: string } }>("/api/admin/invites", "POST");

export const runDoctor = () => call<{ report: DoctorReport }>("/api/admin/doctor", "POST");
