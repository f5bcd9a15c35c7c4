/**
 * Request parameters some endpoints refuse: OpenAI's reasoning models (and gateways in front of
 * them) answer 400 to `max_tokens` ("use max_completion_tokens") and to any `temperature` but
 * the default. This middleware retries such a call once without the refused parameter and
 * remembers it for the endpoint, so later calls are sent right the first time.
 */
import type { LanguageModelV4CallOptions, LanguageModelV4Middleware } from "@ai-sdk/provider";
import {
  capabilitiesOf,
  type EndpointCapabilities,
  learnCapability,
} from "./endpoint-capabilities";
import { refusedFeature } from "./refusals";

export function parameterFallback(key: string): LanguageModelV4Middleware {
  const adapt = (params: LanguageModelV4CallOptions) =>
    withCapabilities(params, capabilitiesOf(key));

  /** Calls once with what is known to work; on a parameter refusal, learns and calls again. */
  async function withRetry<T>(
    params: LanguageModelV4CallOptions,
    call: (params: LanguageModelV4CallOptions) => PromiseLike<T>,
  ): Promise<T> {
    const first = adapt(params);
    try {
      return await call(first);
    } catch (error) {
      const lesson = lessonFrom(error, first);
      if (!lesson) throw error;
      learnCapability(key, lesson);
      return call(adapt(params));
    }
  }

  return {
    specificationVersion: "v4",
    wrapGenerate: ({ params, model }) => withRetry(params, (adapted) => model.doGenerate(adapted)),
    wrapStream: ({ params, model }) => withRetry(params, (adapted) => model.doStream(adapted)),
  };
}

/** What a refusal teaches, when the refused parameter was actually sent. */
function lessonFrom(error: unknown, sent: LanguageModelV4CallOptions): EndpointCapabilities | null {
  const feature = refusedFeature(error);
  if (feature === "max_tokens" && sent.maxOutputTokens !== undefined) {
    return { maxCompletionTokens: true };
  }
  if (feature === "temperature" && sent.temperature !== undefined) return { omitTemperature: true };
  return null;
}

export function withCapabilities(
  params: LanguageModelV4CallOptions,
  capabilities: EndpointCapabilities,
): LanguageModelV4CallOptions {
  let adapted = params;
  if (capabilities.omitTemperature && adapted.temperature !== undefined) {
    adapted = { ...adapted, temperature: undefined };
  }
  if (capabilities.maxCompletionTokens && adapted.maxOutputTokens !== undefined) {
    const openai = {
      ...adapted.providerOptions?.openai,
      maxCompletionTokens: adapted.maxOutputTokens,
    };
    adapted = {
      ...adapted,
      maxOutputTokens: undefined,
      providerOptions: { ...adapted.providerOptions, openai },
    };
  }
  return adapted;
}
