/**
 * A mock OpenAI-compatible HTTP server (Chat Completions only) for the e2e tests, the reliability
 * suite and `npm run bench`. Plain `node:http`; behaviour is scripted per test through the admin
 * API in `admin.ts` (see `client.ts` for a typed client).
 *
 * Routes: POST /v1/chat/completions, POST /v1/embeddings, GET /v1/models (also without the /v1 prefix), /__mock/*.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdmin } from "./admin";
import { authorized, handleChatCompletion, INVALID_KEY } from "./completions";
import { handleEmbeddings } from "./embeddings";
import { sendJson } from "./http";
import { errorBody } from "./openai";
import type { MockProfileName } from "./profiles";
import { createState, type MockState } from "./state";

export interface MockOpenAIOptions {
  /** 0 or unset: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  firstTokenDelayMs?: number;
  tokenDelayMs?: number;
  extractionDelayMs?: number;
  /** Behave like this kind of server (profiles.ts); default "openai". */
  profile?: MockProfileName;
  /** Require this bearer key. */
  apiKey?: string;
}

export interface MockOpenAIServer {
  /** `http://HOST:PORT` — admin API root; the OpenAI base URL is `${url}/v1`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export const MOCK_MODELS = ["mock-chat", "mock-extraction"];

export async function startMockOpenAI(options: MockOpenAIOptions = {}): Promise<MockOpenAIServer> {
  const host = options.host ?? "127.0.0.1";
  const state = createState({
    firstTokenDelayMs: options.firstTokenDelayMs ?? 0,
    tokenDelayMs: options.tokenDelayMs ?? 0,
    extractionDelayMs: options.extractionDelayMs ?? 0,
    profile: options.profile ?? "openai",
    apiKey: options.apiKey ?? null,
    listModels: true,
  });

  const server = createServer((req, res) => {
    route(state, req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, errorBody(500, `Mock server error: ${String(error)}`));
    });
  });
  // Longer than the client's keep-alive so a reused socket is never closed under a request.
  server.keepAliveTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: () => {
      for (const exchange of state.open) {
        if (exchange.record.outcome === "pending") exchange.record.outcome = "server-closed";
        exchange.controller.abort();
      }
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function route(state: MockState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://mock.invalid");
  const path = url.pathname.replace(/^\/v1(?=\/)/, "");

  if (req.method === "POST" && path === "/chat/completions") {
    return handleChatCompletion(state, req, res);
  }
  if (req.method === "POST" && path === "/embeddings") return handleEmbeddings(state, req, res);
  if (req.method === "GET" && path === "/models" && state.config.listModels) {
    req.resume();
    if (!authorized(state, req.headers.authorization)) {
      return sendJson(res, 401, errorBody(401, INVALID_KEY, { code: "invalid_api_key" }));
    }
    const created = Math.floor(Date.now() / 1000);
    const data = MOCK_MODELS.map((id) => ({ id, object: "model", created, owned_by: "mock" }));
    return sendJson(res, 200, { object: "list", data });
  }
  if (path.startsWith("/__mock/") && (await handleAdmin(state, req, res, url))) return;

  req.resume();
  sendJson(res, 404, errorBody(404, `Unknown route: ${req.method} ${url.pathname}`));
}
