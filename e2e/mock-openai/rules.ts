/**
 * Scripting rules of the mock: validation of `POST /__mock/rules` bodies and the rule store.
 *
 * Precedence (deliberate): `once` rules are tried before persistent ones, and within each group the
 * rule added first wins. So a test can add a persistent fallback and then one-off overrides
 * ("fail the first call, then answer normally") without caring about order, and parallel tests stay
 * isolated as long as each uses its own unique `match` marker.
 */
import { z } from "zod";
import type { MockRule, MockRuleInput, RequestKind } from "./types";

const delay = z.number().int().min(0).max(600_000);

const responseSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string(), reasoning: z.string().optional() }),
  z.object({ type: z.literal("json"), body: z.unknown() }),
  z.object({ type: z.literal("raw"), content: z.string() }),
  z.object({
    type: z.literal("error"),
    status: z.number().int().min(400).max(599),
    message: z.string().optional(),
  }),
  z.object({ type: z.literal("hang") }),
  z.object({ type: z.literal("break-stream"), afterChunks: z.number().int().min(0) }),
  z.object({ type: z.literal("malformed-stream") }),
]);

const ruleSchema = z.object({
  match: z.string(),
  kind: z.enum(["chat", "extraction", "any"]).optional(),
  once: z.boolean().optional(),
  response: responseSchema,
  delayMs: delay.optional(),
  tokenDelayMs: delay.optional(),
});

/** Parses an admin rule body; returns an error message instead of throwing. */
export function parseRule(input: unknown): { rule: MockRuleInput } | { error: string } {
  const parsed = ruleSchema.safeParse(input);
  if (!parsed.success) return { error: z.prettifyError(parsed.error) };
  // The cast only narrows `body?: unknown` (how zod types an unknown key) to `body: unknown`.
  return { rule: parsed.data as MockRuleInput };
}

export class RuleStore {
  private rules: MockRule[] = [];
  private nextId = 1;

  add(input: MockRuleInput): string {
    const id = `rule-${this.nextId++}`;
    this.rules.push({ ...input, id });
    return id;
  }

  /** Finds the rule answering a request (see precedence above) and consumes it if `once`. */
  take(kind: RequestKind, text: string): MockRule | null {
    const fits = (rule: MockRule) =>
      (rule.kind === undefined || rule.kind === "any" || rule.kind === kind) &&
      text.includes(rule.match);
    const rule =
      this.rules.find((r) => r.once === true && fits(r)) ??
      this.rules.find((r) => r.once !== true && fits(r)) ??
      null;
    if (rule?.once === true) this.rules = this.rules.filter((r) => r !== rule);
    return rule;
  }

  /** Removes every rule, or only those whose `match` contains `match`. */
  reset(match?: string): void {
    this.rules = match === undefined ? [] : this.rules.filter((r) => !r.match.includes(match));
  }

  list(): MockRule[] {
    return [...this.rules];
  }
}
