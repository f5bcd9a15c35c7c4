/**
 * The doctor's verdicts and its advice: one status per check, and for each failure the setting
 * to change, named the way `.env.example` names it.
 */
import type { EndpointDiagnosis } from "./doctor";

export type CheckStatus = "ok" | "warn" | "fail" | "skip";
export type DoctorCheck = { status: CheckStatus; detail: string };

export const ok = (detail: string): DoctorCheck => ({ status: "ok", detail });
export const warn = (detail: string): DoctorCheck => ({ status: "warn", detail });
export const fail = (detail: string): DoctorCheck => ({ status: "fail", detail });
export const skip = (detail: string): DoctorCheck => ({ status: "skip", detail });

const SETTINGS = {
  chat: { url: "OPENAI_BASE_URL", key: "OPENAI_API_KEY", model: "CHAT_MODEL" },
  extraction: {
    url: "EXTRACTION_BASE_URL (or OPENAI_BASE_URL)",
    key: "EXTRACTION_API_KEY (or OPENAI_API_KEY)",
    model: "EXTRACTION_MODEL (or CHAT_MODEL)",
  },
} as const;

export function endpointFixes(diagnosis: EndpointDiagnosis): string[] {
  const names = SETTINGS[diagnosis.role];
  const { checks } = diagnosis;
  const fixes: string[] = [];
  if (checks.reachable.status === "fail") {
    fixes.push(
      `Nothing answers at ${diagnosis.baseURL}. Start the model server, or correct ${names.url} — it usually ends in /v1 (Ollama: http://127.0.0.1:11434/v1, llama.cpp: http://127.0.0.1:8080/v1, LM Studio: http://127.0.0.1:1234/v1, vLLM: http://127.0.0.1:8000/v1).`,
    );
  }
  if (checks.key.status === "fail") {
    fixes.push(`The server refused the API key: set ${names.key} to a key it accepts.`);
  }
  if (checks.model.status === "fail") {
    fixes.push(
      `The model "${diagnosis.modelId}" is not served there: set ${names.model} to one it lists (or pull it first, e.g. \`ollama pull ${diagnosis.modelId}\`).`,
    );
  }
  if (checks.model.status === "warn") {
    fixes.push(
      `(warning) "${diagnosis.modelId}" is not in the server's model list, but it answered: fine for llama.cpp's server (one model under any name); elsewhere check ${names.model}.`,
    );
  }
  if (checks.streaming.status === "fail" && !fixes.length) {
    fixes.push(
      /HTTP 404/.test(checks.streaming.detail)
        ? `No /chat/completions at ${diagnosis.baseURL}: ${names.url} must point at the OpenAI-compatible API (usually ending in /v1).`
        : `The streamed reply failed (${checks.streaming.detail}). Check the server's log, and ${names.model}.`,
    );
  }
  if (checks.streaming.status === "warn" && /reasoning leaks/.test(checks.streaming.detail)) {
    fixes.push(
      "The reply text holds a </think> block without its opening tag: let the server separate the reasoning (llama.cpp --reasoning-format deepseek, vLLM --reasoning-parser, Ollama's thinking models) so it stays out of replies.",
    );
  }
  if (checks.structuredOutput.status === "fail") {
    fixes.push(
      /not valid extraction JSON/.test(checks.structuredOutput.detail)
        ? `The extraction model answered, but not with JSON matching the schema, in any mode: memory extraction would fail on every turn. Use an instruction-tuned model for ${names.model}, or try EXTRACTION_STRUCTURED_OUTPUT=json_object or =tool.`
        : `The extraction call failed (${checks.structuredOutput.detail}): memory extraction would fail on every turn.`,
    );
  }
  return fixes;
}
