/**
 * A tiny typed client for the mock's admin API (global fetch), for Playwright tests, the
 * reliability suite and the bench. `baseUrl` is the server root, e.g. `http://127.0.0.1:4010`.
 */
import type { MockConfig, MockRuleInput, RecordedRequest, RequestFilter } from "./types";

export type {
  MockConfig,
  MockResponse,
  MockRuleInput,
  RecordedRequest,
  RequestFilter,
  RequestKind,
} from "./types";

export class MockOpenAIClient {
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
  }

  /** The base URL to give `createOpenAI({ baseURL })`. */
  get openaiBaseUrl(): string {
    return `${this.baseUrl}/v1`;
  }

  /** Adds a scripting rule; returns its id. */
  async addRule(rule: MockRuleInput): Promise<string> {
    const { id } = await this.call<{ id: string }>("POST", "/__mock/rules", rule);
    return id;
  }

  async requests(filter: RequestFilter = {}): Promise<RecordedRequest[]> {
    const params = new URLSearchParams();
    if (filter.contains !== undefined) params.set("contains", filter.contains);
    if (filter.kind !== undefined) params.set("kind", filter.kind);
    const query = params.toString() === "" ? "" : `?${params}`;
    const { requests } = await this.call<{ requests: RecordedRequest[] }>(
      "GET",
      `/__mock/requests${query}`,
    );
    return requests;
  }

  /** Clears all rules and recorded requests, or only those containing `match`. */
  async reset(match?: string): Promise<void> {
    await this.call("POST", "/__mock/reset", match === undefined ? {} : { match });
  }

  /** Changes the default delays at run time; returns the resulting config. */
  async configure(config: Partial<MockConfig>): Promise<MockConfig> {
    return this.call<MockConfig>("POST", "/__mock/config", config);
  }

  async health(): Promise<boolean> {
    try {
      const { ok } = await this.call<{ ok: boolean }>("GET", "/__mock/health");
      return ok;
    } catch {
      return false;
    }
  }

  private async call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`mock-openai ${method} ${path}: ${response.status} ${await response.text()}`);
    }
    return (await response.json()) as T;
  }
}
