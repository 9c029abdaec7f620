// A minimal browser for HTTP tests: keeps cookies per host and follows redirects across hosts (the
// OAuth round trip goes app -> platform -> app), recording each hop.
export interface Hop {
  url: string;
  status: number;
}

export class TestBrowser {
  private readonly cookies = new Map<string, Map<string, string>>();
  readonly hops: Hop[] = [];

  async get(url: string): Promise<{ url: string; status: number; body: string }> {
    return this.request(url, { method: 'GET' });
  }

  /** A form post; a URLSearchParams can carry a field more than once (checkboxes). */
  async post(url: string, form: Record<string, string> | URLSearchParams) {
    return this.request(url, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  private async request(
    start: string,
    init: { method: string; body?: string; headers?: Record<string, string> },
  ) {
    let url = start;
    let method = init.method;
    let body = init.body;
    for (let i = 0; i < 10; i++) {
      const host = new URL(url).host;
      const jar = this.cookies.get(host) ?? new Map<string, string>();
      const res = await fetch(url, {
        method,
        body,
        redirect: 'manual',
        headers: { ...(body ? init.headers : {}), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const set of res.headers.getSetCookie()) {
        const [pair] = set.split(';');
        const eq = pair?.indexOf('=') ?? -1;
        if (pair && eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
      this.cookies.set(host, jar);
      this.hops.push({ url, status: res.status });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        url = new URL(location, url).toString();
        method = 'GET';
        body = undefined;
        continue;
      }
      return { url, status: res.status, body: await res.text() };
    }
    throw new Error(`Too many redirects from ${start}`);
  }
}
