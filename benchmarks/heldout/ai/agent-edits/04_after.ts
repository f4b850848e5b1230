// thin wrapper around the tracker REST api
// (v2 endpoints only -- v1 is gone as of march)

export type Id = string

export interface Issue {
  id: Id
  key: string
  title: string
  status: 'open' | 'in_progress' | 'closed'
  assignee?: string
  labels: string[]
  updated: string
}

export interface ListOpts {
  status?: Issue['status']
  label?: string
  assignee?: string
  limit?: number
  cursor?: string
}

type Json = Record<string, unknown>

/** Error thrown for non-2xx responses and timeouts. `status` is 0 for timeouts. */
export class ApiError extends Error {
  constructor(
    public readonly method: string,
    public readonly path: string,
    public readonly status: number,
    message: string,
  ) {
    super(`${method} ${path}: ${status || 'timeout'} ${message}`)
    this.name = 'ApiError'
  }

  get isTimeout(): boolean {
    return this.status === 0
  }
}

export class TrackerClient {
  private base: string
  private token: string
  private timeoutMs: number

  constructor(base: string, token: string, timeoutMs = 15_000) {
    // strip trailing slash so we can just concat paths
    this.base = base.replace(/\/+$/, '')
    this.token = token
    this.timeoutMs = timeoutMs
  }

  private async req<T>(method: string, path: string, body?: Json): Promise<T> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), this.timeoutMs)
    let res: Response
    try {
      res = await fetch(this.base + path, {
        method,
        headers: {
          'Authorization': 'Bearer ' + this.token,
          'Accept': 'application/json',
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: controller.signal,
      })
    } catch (err) {
      if (controller.signal.aborted) {
        throw new ApiError(method, path, 0, `no response after ${this.timeoutMs}ms`)
      }
      throw err
    } finally {
      clearTimeout(timer)
    }
    if (!res.ok) {
      let msg = res.statusText
      try {
        const j = await res.json()
        if (j && j.error) msg = j.error
      } catch (e) {}
      throw new ApiError(method, path, res.status, msg)
    }
    if (res.status === 204) return undefined as T
    return res.json() as Promise<T>
  }

  async issue(key: string): Promise<Issue> {
    return this.req<Issue>('GET', '/v2/issues/' + encodeURIComponent(key))
  }

  async list(opts: ListOpts = {}): Promise<{ items: Issue[]; next?: string }> {
    const q = new URLSearchParams()
    if (opts.status) q.set('status', opts.status)
    if (opts.label) q.set('label', opts.label)
    if (opts.assignee) q.set('assignee', opts.assignee)
    q.set('limit', String(opts.limit || 50))
    if (opts.cursor) q.set('cursor', opts.cursor)
    return this.req('GET', '/v2/issues?' + q.toString())
  }

  // walks all pages. careful with big projects
  async *all(opts: ListOpts = {}): AsyncGenerator<Issue> {
    let cursor: string | undefined
    do {
      const page = await this.list({ ...opts, cursor })
      for (const it of page.items) yield it
      cursor = page.next
    } while (cursor)
  }

  async create(title: string, labels: string[] = []): Promise<Issue> {
    return this.req<Issue>('POST', '/v2/issues', { title, labels })
  }

  async setStatus(key: string, status: Issue['status']) {
    return this.req<Issue>('PATCH', '/v2/issues/' + encodeURIComponent(key), { status })
  }

  async assign(key: string, user: string | null) {
    return this.req<Issue>('PATCH', '/v2/issues/' + encodeURIComponent(key), { assignee: user })
  }

  async comment(key: string, text: string) {
    // TODO markdown? api accepts it but renders weird
    return this.req<void>('POST', `/v2/issues/${encodeURIComponent(key)}/comments`, { body: text })
  }
}
