/**
 * The mock's bounded request log (the last 5,000 chat-completion requests), filtered by the
 * `GET /__mock/requests` admin route. Entries are mutated in place as their responses progress.
 */
import { messagesText } from "./openai";
import type { RecordedRequest, RequestFilter } from "./types";

export const MAX_LOGGED_REQUESTS = 5_000;

export class RequestLog {
  private entries: RecordedRequest[] = [];
  private nextId = 1;

  constructor(private readonly limit = MAX_LOGGED_REQUESTS) {}

  add(entry: Omit<RecordedRequest, "id">): RecordedRequest {
    const recorded: RecordedRequest = { id: this.nextId++, ...entry };
    this.entries.push(recorded);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return recorded;
  }

  find(filter: RequestFilter = {}): RecordedRequest[] {
    return this.entries.filter(
      (entry) =>
        (filter.kind === undefined || entry.kind === filter.kind) &&
        (filter.contains === undefined || messagesText(entry.messages).includes(filter.contains)),
    );
  }

  /** Forgets every request, or only those whose message text contains `match`. */
  reset(match?: string): void {
    this.entries =
      match === undefined
        ? []
        : this.entries.filter((entry) => !messagesText(entry.messages).includes(match));
  }
}
