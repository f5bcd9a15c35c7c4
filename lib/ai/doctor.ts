/**
 * The doctor: checks the configured chat and extraction endpoints the way Ingat uses them and
 * says what to change when something fails — reachable, key accepted, model served, a streamed
 * reply (first-token and total latency), and for extraction which structured-output mode the
 * endpoint accepts. `npm run doctor` prints it as a table; the admin page can show the same
 * structured result. Keys are never part of the result.
 */
import "server-only";
import { streamText } from "ai";
import { type Env, getEnv } from "@/lib/env";
import { type DoctorCheck, endpointFixes, fail, ok, skip, warn } from "./doctor-checks";
import { forgetCapabilities, type StructuredOutputMode } from "./endpoint-capabilities";
import { requestExtraction } from "./extraction";
import { buildExtractionPrompt } from "./extraction-prompt";
import { createOfflineModel } from "./offline/offline-model";
import { createRoleModel, type EndpointConfig, endpointFor, type ModelRole } from "./providers";

export type { CheckStatus, DoctorCheck } from "./doctor-checks";

export type EndpointDiagnosis = {
  role: ModelRole;
  offline: boolean;
  /** The base URL without any credentials in it; null for the offline model. */
  baseURL: string | null;
  modelId: string;
  checks: {
    reachable: DoctorCheck;
    key: DoctorCheck;
    model: DoctorCheck;
    streaming: DoctorCheck;
    structuredOutput: DoctorCheck;
  };
  structuredOutputMode: StructuredOutputMode | null;
  firstTokenMs: number | null;
  totalMs: number | null;
  extractionMs: number | null;
  /** What to change, one sentence each. */
  fixes: string[];
};

export type DoctorReport = { ok: boolean; checkedAt: string; endpoints: EndpointDiagnosis[] };

export type DoctorOptions = {
  env?: Env;
  /** Limit of each network step (the model list, the stream, the extraction call). */
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 60_000;
const STREAM_PROMPT = "Say hello in five words.";
const SAMPLE_TURN = {
  userMessage: "I live in Bandung and I love playing chess on weekends.",
  assistantMessage: "Chess on weekends sounds fun!",
  earlierTurns: [],
  memoryKeys: [],
  today: new Date().toISOString().slice(0, 10),
};

export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  const env = options.env ?? getEnv();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  await warmUp();
  const chat = await diagnose("chat", endpointFor("chat", env), timeoutMs);
  const extractionEndpoint = endpointFor("extraction", env);
  const sameAsChat = sameEndpoint(endpointFor("chat", env), extractionEndpoint);
  const extraction = await diagnose("extraction", extractionEndpoint, timeoutMs, {
    reuse: sameAsChat ? chat : undefined,
    forcedMode: env.EXTRACTION_STRUCTURED_OUTPUT,
  });
  const endpoints = [chat, extraction];
  const failed = endpoints.some((endpoint) =>
    Object.values(endpoint.checks).some((check) => check.status === "fail"),
  );
  return { ok: !failed, checkedAt: new Date().toISOString(), endpoints };
}

async function diagnose(
  role: ModelRole,
  endpoint: EndpointConfig | null,
  timeoutMs: number,
  extra: { reuse?: EndpointDiagnosis; forcedMode?: Env["EXTRACTION_STRUCTURED_OUTPUT"] } = {},
): Promise<EndpointDiagnosis> {
  const resolved = createRoleModel(role, endpoint);
  const diagnosis: EndpointDiagnosis = {
    role,
    offline: resolved.offline,
    baseURL: endpoint ? displayUrl(baseUrlOf(endpoint)) : null,
    modelId: resolved.modelId,
    checks: {
      reachable: skip("not checked"),
      key: skip("not checked"),
      model: skip("not checked"),
      streaming: skip("not checked"),
      structuredOutput: skip(role === "chat" ? "not used for chat replies" : "not checked"),
    },
    structuredOutputMode: null,
    firstTokenMs: null,
    totalMs: null,
    extractionMs: null,
    fixes: [],
  };

  if (resolved.offline) {
    const offline = ok("built-in offline model");
    Object.assign(diagnosis.checks, { reachable: offline, key: offline, model: offline });
  } else if (extra.reuse) {
    const same = (check: DoctorCheck) => ({ ...check, detail: `${check.detail} (as chat)` });
    diagnosis.checks.reachable = same(extra.reuse.checks.reachable);
    diagnosis.checks.key = same(extra.reuse.checks.key);
    diagnosis.checks.model = same(extra.reuse.checks.model);
  } else if (endpoint) {
    Object.assign(diagnosis.checks, await checkModelList(endpoint, timeoutMs));
  }

  const connected = !["reachable", "key"].some(
    (name) => diagnosis.checks[name as "reachable" | "key"].status === "fail",
  );
  if (connected) {
    if (extra.reuse && extra.reuse.checks.streaming.status !== "skip") {
      diagnosis.checks.streaming = extra.reuse.checks.streaming;
      diagnosis.firstTokenMs = extra.reuse.firstTokenMs;
      diagnosis.totalMs = extra.reuse.totalMs;
    } else {
      await checkStreaming(diagnosis, resolved.model, timeoutMs);
    }
    if (role === "extraction") await checkStructuredOutput(diagnosis, resolved, timeoutMs, extra);
  }
  diagnosis.fixes = endpointFixes(diagnosis);
  return diagnosis;
}

/** Reachable, key and model, from `GET /models` where the server offers it. */
async function checkModelList(
  endpoint: EndpointConfig,
  timeoutMs: number,
): Promise<Pick<EndpointDiagnosis["checks"], "reachable" | "key" | "model">> {
  let response: Response;
  try {
    response = await fetch(`${baseUrlOf(endpoint)}/models`, {
      headers: endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return {
      reachable: fail(`no answer: ${networkReason(error)}`),
      key: skip("not reached"),
      model: skip("not reached"),
    };
  }
  const reachable = ok(`HTTP ${response.status} from /models`);
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    return {
      reachable,
      key: fail(`refused (HTTP ${response.status})`),
      model: skip("needs a key"),
    };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return {
      reachable,
      key: skip("checked by the reply below"),
      model: skip(`no model list (HTTP ${response.status})`),
    };
  }
  const ids = await modelIds(response);
  const key = ok(endpoint.apiKey ? "accepted" : "none needed");
  const wanted = endpoint.modelId;
  if (ids.includes(wanted) || ids.includes(`${wanted}:latest`)) {
    return { reachable, key, model: ok("listed by /models") };
  }
  const offered = ids.slice(0, 8).join(", ") || "none";
  return { reachable, key, model: fail(`not listed; offered: ${offered}`) };
}

async function modelIds(response: Response): Promise<string[]> {
  try {
    const body = (await response.json()) as { data?: { id?: unknown }[] };
    return (body.data ?? []).flatMap((model) => (typeof model.id === "string" ? [model.id] : []));
  } catch {
    return [];
  }
}

async function checkStreaming(
  diagnosis: EndpointDiagnosis,
  model: ReturnType<typeof createRoleModel>["model"],
  timeoutMs: number,
): Promise<void> {
  const started = performance.now();
  let firstToken: number | null = null;
  let text = "";
  let reasoning = false;
  let streamError: unknown = null;
  try {
    const result = streamText({
      model,
      prompt: STREAM_PROMPT,
      maxOutputTokens: 256,
      maxRetries: 0,
      timeout: timeoutMs,
      onError: ({ error }) => {
        streamError = error;
      },
    });
    for await (const part of result.fullStream) {
      if (part.type === "reasoning-delta") reasoning = true;
      if (part.type === "text-delta" && part.text !== "") {
        firstToken ??= performance.now() - started;
        text += part.text;
      }
      if (part.type === "error") streamError = part.error;
    }
    if (streamError) throw streamError;
    const usage = await result.usage;
    diagnosis.totalMs = Math.round(performance.now() - started);
    diagnosis.firstTokenMs = firstToken === null ? null : Math.round(firstToken);
    diagnosis.checks.streaming = streamingVerdict(text, reasoning, usage.outputTokens);
    if (diagnosis.checks.model.status === "fail") {
      diagnosis.checks.model = warn(`${diagnosis.checks.model.detail} — but it answered`);
    }
  } catch (error) {
    diagnosis.checks.streaming = fail(callFailure(error));
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 401 || status === 403) diagnosis.checks.key = fail(`refused (HTTP ${status})`);
  }
}

function streamingVerdict(text: string, reasoning: boolean, outputTokens: number | undefined) {
  if (text.trim() === "") return fail("the reply had no text");
  if (text.includes("</think>")) return warn("reasoning leaks into the reply text");
  const notes = [
    reasoning ? "reasoning kept out of the reply" : "",
    outputTokens === undefined ? "no usage reported" : "",
  ].filter(Boolean);
  return ok(notes.join("; ") || "streamed");
}

async function checkStructuredOutput(
  diagnosis: EndpointDiagnosis,
  resolved: ReturnType<typeof createRoleModel>,
  timeoutMs: number,
  extra: { forcedMode?: Env["EXTRACTION_STRUCTURED_OUTPUT"] },
): Promise<void> {
  const configured = extra.forcedMode ?? "auto";
  const forced = configured !== "auto";
  // Probe from the best mode down, whatever this process learned before.
  if (resolved.endpointKey) forgetCapabilities(resolved.endpointKey);
  const started = performance.now();
  try {
    const result = await requestExtraction(resolved, buildExtractionPrompt(SAMPLE_TURN), {
      timeoutMs,
      mode: configured,
    });
    diagnosis.extractionMs = Math.round(performance.now() - started);
    diagnosis.structuredOutputMode = result.mode;
    const refused = result.refused.map((step) => step.mode).join(", ");
    const how = resolved.offline
      ? "; offline model"
      : forced
        ? "; set by EXTRACTION_STRUCTURED_OUTPUT"
        : refused
          ? `; refused ${refused}`
          : "";
    diagnosis.checks.structuredOutput = ok(`${result.mode}${how}`);
  } catch (error) {
    diagnosis.extractionMs = Math.round(performance.now() - started);
    diagnosis.checks.structuredOutput = fail(callFailure(error));
  }
}

/**
 * One reply from the offline model first: the SDK's first call in a process costs ~0.1 s of its
 * own, which would otherwise be counted as the endpoint's first-token latency.
 */
async function warmUp(): Promise<void> {
  const result = streamText({
    model: createOfflineModel("chat", { tokenDelayMs: 0 }),
    prompt: "hi",
  });
  await result.consumeStream();
}

function callFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 120);
  const status = (error as { statusCode?: number }).statusCode;
  if (error.name === "AI_NoObjectGeneratedError" || error.name === "AI_JSONParseError") {
    return "the answer was not valid extraction JSON";
  }
  if (error.name === "TimeoutError" || error.name === "AbortError") return "timed out";
  // Some servers quote (part of) the key they refused: say only that it was refused.
  if (status === 401 || status === 403) return `key refused (HTTP ${status})`;
  const message = (error.message.split("\n")[0] ?? "").slice(0, 100);
  return status ? `HTTP ${status}: ${message}` : `${networkReason(error)}`;
}

function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 80);
  if (error.name === "TimeoutError") return "timed out";
  const cause = error.cause as { code?: string } | undefined;
  return (cause?.code ?? error.message.split("\n")[0] ?? error.name).slice(0, 80);
}

function baseUrlOf(endpoint: EndpointConfig): string {
  let base = endpoint.baseURL ?? "https://api.openai.com/v1";
  while (base.endsWith("/")) base = base.slice(0, -1);
  return base;
}

/** A URL as shown to the operator: credentials in it are dropped. */
function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(not a URL)";
  }
}

function sameEndpoint(a: EndpointConfig | null, b: EndpointConfig | null): boolean {
  if (!a || !b) return false;
  return a.baseURL === b.baseURL && a.apiKey === b.apiKey && a.modelId === b.modelId;
}
