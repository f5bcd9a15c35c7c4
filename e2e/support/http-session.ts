/**
 * A signed-in user over plain HTTP (no browser): creates the account through /api/account and
 * signs in through Auth.js's credentials callback, keeping the session cookie. Used by the
 * bench and the reliability suite.
 */
import { randomUUID } from "node:crypto";
import { parseServerTiming } from "@/lib/observability/server-timing";

export type HttpUser = {
  email: string;
  password: string;
  /** fetch against the app with this user's session cookie. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /**
   * Sends one chat message; resolves when the reply stream has ended. Pass the `messageId` of an
   * earlier message to resend it, as the chat's Retry does, and `memory` to say what the page
   * shows of the memory switch, as the chat page does.
   */
  chat(
    chatId: string,
    text: string,
    options?: { messageId?: string; memory?: boolean },
  ): Promise<ChatResult>;
};

export type ChatResult = {
  status: number;
  /** The text sent. */
  sentText: string;
  /** The id the user message was sent with. */
  userMessageId: string;
  text: string;
  /** ms from sending to the first text delta, and to the end of the stream. */
  firstTokenMs: number | null;
  totalMs: number;
  assistantMessageId: string | null;
  errorText: string | null;
  /** Wall-clock time (Date.now()) the request was sent, to line up with a mock's request log. */
  sentAt: number;
  /** The app's own `Server-Timing` steps before the stream started, in ms. */
  serverTiming: Record<string, number>;
};

export async function createHttpUser(baseUrl: string, label = "user"): Promise<HttpUser> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.com`;
  const password = "password-1234";
  const created = await fetch(`${baseUrl}/api/account`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (created.status !== 201)
    throw new Error(`register failed: ${created.status} ${await created.text()}`);
  return signInHttpUser(baseUrl, email, password);
}

/** Signs an existing account in through Auth.js's credentials callback. */
export async function signInHttpUser(
  baseUrl: string,
  email: string,
  password: string,
): Promise<HttpUser> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const index = pair?.indexOf("=") ?? -1;
      if (pair && index > 0) jar.set(pair.slice(0, index), pair.slice(index + 1));
    }
  };
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  remember(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const signIn = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  remember(signIn);
  if (![...jar.keys()].some((name) => name.includes("session-token"))) {
    throw new Error(`sign-in failed: ${signIn.status}`);
  }

  const userFetch = (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${path}`, { ...init, headers: { ...init.headers, cookie: cookieHeader() } });

  return {
    email,
    password,
    fetch: userFetch,
    chat: (chatId, text, options = {}) =>
      sendChat(userFetch, chatId, text, options.messageId ?? randomUUID(), options.memory),
  };
}

async function sendChat(
  userFetch: HttpUser["fetch"],
  chatId: string,
  text: string,
  messageId: string,
  memory: boolean | undefined,
): Promise<ChatResult> {
  const started = performance.now();
  const sentAt = Date.now();
  const response = await userFetch("/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      id: chatId,
      message: { id: messageId, role: "user", parts: [{ type: "text", text }] },
      ...(memory === undefined ? {} : { memory }),
    }),
  });
  const result: ChatResult = {
    status: response.status,
    userMessageId: messageId,
    sentText: text,
    text: "",
    firstTokenMs: null,
    totalMs: 0,
    assistantMessageId: null,
    errorText: null,
    sentAt,
    serverTiming: parseServerTiming(response.headers.get("server-timing")),
  };
  if (!response.ok || !response.body) {
    result.errorText = await response.text();
    result.totalMs = performance.now() - started;
    return result;
  }
  // The AI SDK UI message stream: server-sent events, one JSON chunk per `data:` line.
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let newline = buffer.indexOf("\n");
    while (newline !== -1) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf("\n");
      if (!line.startsWith("data:")) continue;
      const data = line.slice(5).trim();
      if (data === "[DONE]") continue;
      const chunk = JSON.parse(data) as {
        type: string;
        delta?: string;
        messageId?: string;
        errorText?: string;
      };
      if (chunk.type === "start" && chunk.messageId) result.assistantMessageId = chunk.messageId;
      if (chunk.type === "text-delta" && chunk.delta) {
        result.firstTokenMs ??= performance.now() - started;
        result.text += chunk.delta;
      }
      if (chunk.type === "error") result.errorText = chunk.errorText ?? "error";
    }
  }
  result.totalMs = performance.now() - started;
  return result;
}
