/**
 * What this process has learned about each model endpoint (base URL + model): which
 * structured-output mode it accepts and which request parameters it refuses. Learned from the
 * endpoint's own refusals (a 400 naming the feature), so the first job after a start pays for
 * one refused request per step and every later job goes straight to what works.
 *
 * Kept in memory on purpose: a refusal costs one fast 400, a restart re-learns (and so picks up a
 * server upgrade that added `json_schema`), and several instances each learn on their own
 * without a shared table to keep consistent. EXTRACTION_STRUCTURED_OUTPUT skips the learning.
 */

/** Ways of asking for JSON, best first. */
export const STRUCTURED_OUTPUT_MODES = ["json_schema", "json_object", "tool", "text"] as const;
export type StructuredOutputMode = (typeof STRUCTURED_OUTPUT_MODES)[number];

export type EndpointCapabilities = {
  /** The best mode not yet refused; absent until a call taught us something. */
  structuredOutput?: StructuredOutputMode;
  /** The endpoint refused `max_tokens`: send `max_completion_tokens` instead. */
  maxCompletionTokens?: boolean;
  /** The endpoint refused `temperature`: leave it at the server's default. */
  omitTemperature?: boolean;
};

// One map per process on globalThis: Next bundles the route handlers (after()) and the
// instrumentation hook (the worker loop) separately, and a module-level map in each would make the
// worker probe again what a reply's extraction already learned.
const globalForCapabilities = globalThis as unknown as {
  ingatEndpointCapabilities?: Map<string, EndpointCapabilities>;
};
globalForCapabilities.ingatEndpointCapabilities ??= new Map();
const learned = globalForCapabilities.ingatEndpointCapabilities;

/** One key per endpoint and model: the same server can serve models that differ. */
export function endpointKey(baseURL: string | undefined, modelId: string): string {
  let base = baseURL ?? "https://api.openai.com/v1";
  while (base.endsWith("/")) base = base.slice(0, -1);
  return `${base} ${modelId}`;
}

export function capabilitiesOf(key: string): EndpointCapabilities {
  return { ...learned.get(key) };
}

export function learnCapability(key: string, change: EndpointCapabilities): void {
  learned.set(key, { ...learned.get(key), ...change });
}

/** Everything learned so far, for the doctor and the admin page. */
export function learnedCapabilities(): Record<string, EndpointCapabilities> {
  return Object.fromEntries([...learned].map(([key, value]) => [key, { ...value }]));
}

/** Forgets what was learned (tests, and the doctor before it probes from the top). */
export function forgetCapabilities(key?: string): void {
  if (key === undefined) learned.clear();
  else learned.delete(key);
}

export function nextMode(mode: StructuredOutputMode): StructuredOutputMode | undefined {
  return STRUCTURED_OUTPUT_MODES[STRUCTURED_OUTPUT_MODES.indexOf(mode) + 1];
}
