/**
 * The mock's admin API under `/__mock/`: health, rules, the request log, reset and run-time
 * config. JSON in, JSON out; bad input gets a 400 with an OpenAI-style error body.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { parseJson, readBody, sendJson } from "./http";
import { errorBody } from "./openai";
import { MOCK_PROFILE_NAMES } from "./profiles";
import { parseRule } from "./rules";
import type { MockState } from "./state";
import type { RequestFilter } from "./types";

const delay = z.number().int().min(0).max(600_000);
const configSchema = z.object({
  firstTokenDelayMs: delay.optional(),
  tokenDelayMs: delay.optional(),
  extractionDelayMs: delay.optional(),
  profile: z.enum(MOCK_PROFILE_NAMES).optional(),
  apiKey: z.string().min(1).nullable().optional(),
  listModels: z.boolean().optional(),
});
const resetSchema = z.object({ match: z.string().optional() });

/** Handles `/__mock/*`; returns false when the route is not an admin route. */
export async function handleAdmin(
  state: MockState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const route = `${req.method ?? "GET"} ${url.pathname}`;
  switch (route) {
    case "GET /__mock/health":
      sendJson(res, 200, { ok: true });
      return true;
    case "GET /__mock/rules":
      sendJson(res, 200, { rules: state.rules.list() });
      return true;
    case "GET /__mock/config":
      sendJson(res, 200, state.config);
      return true;
    case "GET /__mock/requests":
      sendJson(res, 200, { requests: state.log.find(requestFilter(url.searchParams)) });
      return true;
    case "POST /__mock/rules":
      await withJsonBody(req, res, (body) => {
        const parsed = parseRule(body);
        if ("error" in parsed) return badRequest(res, parsed.error);
        sendJson(res, 200, { id: state.rules.add(parsed.rule) });
      });
      return true;
    case "POST /__mock/reset":
      await withJsonBody(req, res, (body) => {
        const parsed = resetSchema.safeParse(body ?? {});
        if (!parsed.success) return badRequest(res, z.prettifyError(parsed.error));
        state.rules.reset(parsed.data.match);
        state.log.reset(parsed.data.match);
        sendJson(res, 200, { ok: true });
      });
      return true;
    case "POST /__mock/config":
      await withJsonBody(req, res, (body) => {
        const parsed = configSchema.safeParse(body);
        if (!parsed.success) return badRequest(res, z.prettifyError(parsed.error));
        Object.assign(state.config, stripUndefined(parsed.data));
        sendJson(res, 200, state.config);
      });
      return true;
    default:
      return false;
  }
}

function requestFilter(params: URLSearchParams): RequestFilter {
  const filter: RequestFilter = {};
  const contains = params.get("contains");
  const kind = params.get("kind");
  if (contains !== null) filter.contains = contains;
  if (kind === "chat" || kind === "extraction") filter.kind = kind;
  return filter;
}

/** Reads a JSON body (an empty body counts as `undefined`) and hands it to `handle`. */
async function withJsonBody(
  req: IncomingMessage,
  res: ServerResponse,
  handle: (body: unknown) => void,
): Promise<void> {
  const read = await readBody(req);
  if (!read.ok) {
    if (read.reason === "too-large") sendJson(res, 413, errorBody(413, "Body too large."));
    return;
  }
  if (read.text.trim() === "") return handle(undefined);
  const body = parseJson(read.text);
  if (body === undefined) return badRequest(res, "The request body is not valid JSON.");
  handle(body);
}

function badRequest(res: ServerResponse, message: string): void {
  sendJson(res, 400, errorBody(400, message));
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
