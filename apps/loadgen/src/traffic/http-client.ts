import { Agent, request } from "undici";

export interface HttpResult {
  status: number;
  /** The parsed body, when the answer is JSON. */
  json?: unknown;
  /** The Location header of a 3xx answer (3xx answers are returned, never followed). */
  location?: string;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * The API as every traffic source calls it: one keep-alive pool (undici), the bearer token when
 * there is one, JSON bodies, 3xx answers returned rather than followed.
 */
export class HttpClient {
  private readonly agent: Agent;

  constructor(
    readonly baseUrl: string,
    private readonly token: string | undefined,
    connections = 128,
  ) {
    this.agent = new Agent({ connections, keepAliveTimeout: 10_000 });
  }

  /** Whether writes can succeed: without a token, traffic only reads. */
  get canWrite(): boolean {
    return this.token !== undefined;
  }

  async call(method: HttpMethod, path: string, body?: unknown): Promise<HttpResult> {
    const response = await request(new URL(path, this.baseUrl), {
      method,
      dispatcher: this.agent,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.body.text();
    const isJson = String(response.headers["content-type"] ?? "").includes("json");
    const location = response.headers.location;
    return {
      status: response.statusCode,
      ...(isJson && text ? { json: JSON.parse(text) as unknown } : {}),
      ...(typeof location === "string" ? { location } : {}),
    };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
