/**
 * The mutable state of one mock server: run-time config, rules, request log, and the requests
 * still open (so closing the server can stop their timers and mark them).
 */
import { RequestLog } from "./request-log";
import { RuleStore } from "./rules";
import type { MockConfig, RecordedRequest } from "./types";

export interface OpenExchange {
  record: RecordedRequest;
  controller: AbortController;
}

export interface MockState {
  config: MockConfig;
  rules: RuleStore;
  log: RequestLog;
  open: Set<OpenExchange>;
}

export function createState(config: MockConfig): MockState {
  return { config, rules: new RuleStore(), log: new RequestLog(), open: new Set() };
}
