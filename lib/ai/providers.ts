/**
 * The two model roles of Ingat: the chat model that streams replies, and the separate
 * extraction model that reads finished turns. Each is an OpenAI-compatible Chat Completions
 * endpoint, or the built-in offline model when neither a key nor a base URL is configured.
 * Compatible servers differ (reasoning in the content or in extra fields, parameters they
 * refuse): the middlewares here make them look alike to the rest of the app.
 */
import "server-only";
import { createOpenAI } from "@ai-sdk/openai";
import { type LanguageModel, wrapLanguageModel } from "ai";
import { type Env, getEnv } from "@/lib/env";
import { endpointKey } from "./endpoint-capabilities";
import { createOfflineModel } from "./offline/offline-model";
import { parameterFallback } from "./parameter-fallback";
import { reasoningFields, thinkTagReasoning, trimAfterReasoning } from "./reasoning";
import { endStreamOnError } from "./stream-errors";

export type ModelRole = "chat" | "extraction";

export type ResolvedModel = {
  model: LanguageModel;
  /** The id recorded with jobs and shown in the UI. */
  modelId: string;
  offline: boolean;
  /** Where what this endpoint accepts is remembered; null for the offline model. */
  endpointKey: string | null;
};

export type EndpointConfig = { apiKey?: string; baseURL?: string; modelId: string };

export function endpointFor(role: ModelRole, env: Env): EndpointConfig | null {
  const chat = {
    apiKey: env.OPENAI_API_KEY,
    baseURL: env.OPENAI_BASE_URL,
    modelId: env.CHAT_MODEL,
  };
  if (role === "chat") return chat.apiKey || chat.baseURL ? chat : null;
  const extraction = {
    apiKey: env.EXTRACTION_API_KEY ?? chat.apiKey,
    baseURL: env.EXTRACTION_BASE_URL ?? chat.baseURL,
    modelId: env.EXTRACTION_MODEL ?? chat.modelId,
  };
  return extraction.apiKey || extraction.baseURL ? extraction : null;
}

/** The model of one role on one endpoint (or the offline model), with the compatibility layers. */
export function createRoleModel(role: ModelRole, endpoint: EndpointConfig | null): ResolvedModel {
  if (!endpoint) {
    return {
      model: createOfflineModel(role),
      modelId: `offline-${role}`,
      offline: true,
      endpointKey: null,
    };
  }
  const key = endpointKey(endpoint.baseURL, endpoint.modelId);
  return {
    model: wrapLanguageModel({
      // .chat(): compatible servers speak Chat Completions, not OpenAI's Responses API.
      model: createOpenAI({
        apiKey: endpoint.apiKey ?? "not-needed",
        baseURL: endpoint.baseURL,
        name: `ingat-${role}`,
      }).chat(endpoint.modelId),
      // Outermost first: stream errors end the stream, refused parameters are retried, then
      // reasoning is taken out of the text and out of the extra delta fields. Extraction
      // answers are JSON, read by json-text.ts, which drops a leading think block itself: the
      // tag middleware would also cut tags out of the user's quoted words inside the JSON.
      middleware:
        role === "chat"
          ? [
              endStreamOnError,
              parameterFallback(key),
              trimAfterReasoning,
              thinkTagReasoning,
              reasoningFields,
            ]
          : [endStreamOnError, parameterFallback(key), reasoningFields],
    }),
    modelId: endpoint.modelId,
    offline: false,
    endpointKey: key,
  };
}

const cache = new Map<ModelRole, ResolvedModel>();

export function getModel(role: ModelRole): ResolvedModel {
  const cached = cache.get(role);
  if (cached) return cached;
  const resolved = createRoleModel(role, endpointFor(role, getEnv()));
  cache.set(role, resolved);
  return resolved;
}

export function isChatOffline(): boolean {
  return getModel("chat").offline;
}

/** What the chat shows about the model that answers: its configured id, or the offline model. */
export function chatModelInfo(): { id: string; offline: boolean } {
  const { modelId, offline } = getModel("chat");
  return { id: modelId, offline };
}
