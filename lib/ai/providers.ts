/**
 * The two model roles of Ingat (SPEC §2): the chat model that streams replies, and the separate
 * extraction model that reads finished turns. Each is an OpenAI-compatible Chat Completions
 * endpoint, or the built-in offline model when neither a key nor a base URL is configured.
 */
import "server-only";
import { createOpenAI } from "@ai-sdk/openai";
import { type LanguageModel, wrapLanguageModel } from "ai";
import { type Env, getEnv } from "@/lib/env";
import { createOfflineModel } from "./offline/offline-model";
import { endStreamOnError } from "./stream-errors";

export type ModelRole = "chat" | "extraction";

export type ResolvedModel = {
  model: LanguageModel;
  /** The id recorded with jobs and shown in the UI. */
  modelId: string;
  offline: boolean;
};

type EndpointConfig = { apiKey?: string; baseURL?: string; modelId: string };

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

const cache = new Map<ModelRole, ResolvedModel>();

export function getModel(role: ModelRole): ResolvedModel {
  const cached = cache.get(role);
  if (cached) return cached;
  const endpoint = endpointFor(role, getEnv());
  const resolved: ResolvedModel = endpoint
    ? {
        // .chat(): compatible servers speak Chat Completions, not OpenAI's Responses API.
        model: wrapLanguageModel({
          model: createOpenAI({
            apiKey: endpoint.apiKey ?? "not-needed",
            baseURL: endpoint.baseURL,
            name: `ingat-${role}`,
          }).chat(endpoint.modelId),
          middleware: endStreamOnError,
        }),
        modelId: endpoint.modelId,
        offline: false,
      }
    : { model: createOfflineModel(role), modelId: `offline-${role}`, offline: true };
  cache.set(role, resolved);
  return resolved;
}

export function isChatOffline(): boolean {
  return getModel("chat").offline;
}
