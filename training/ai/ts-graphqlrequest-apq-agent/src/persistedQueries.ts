import crossFetch from 'cross-fetch'
import { defaultJsonSerializer } from './defaultJsonSerializer'
import * as Dom from './types.dom'

type Fetch = (url: string, init?: Dom.RequestInit) => Promise<any>

export interface PersistedQueriesOptions {
  /**
   * The fetch implementation used for the actual requests. Defaults to cross-fetch.
   */
  fetch?: any
  /**
   * Computes the hex encoded SHA-256 hash of a query.
   * Defaults to the Web Crypto API when available and to Node's crypto module otherwise.
   */
  sha256?: (query: string) => string | Promise<string>
  /**
   * Stop sending hashes after the server said it does not support persisted queries.
   */
  disableOnUnsupported?: boolean
  jsonSerializer?: Dom.JsonSerializer
}

const NOT_FOUND = 'PersistedQueryNotFound'
const NOT_SUPPORTED = 'PersistedQueryNotSupported'

const toHex = (buffer: ArrayBuffer): string =>
  Array.from(new Uint8Array(buffer))
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('')

/**
 * Hash with the Web Crypto API if the runtime has it, otherwise with Node's crypto module.
 */
export const defaultSha256 = async (query: string): Promise<string> => {
  const subtle = (globalThis as any).crypto?.subtle
  if (subtle) {
    return toHex(await subtle.digest('SHA-256', new TextEncoder().encode(query)))
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createHash } = require('crypto')
  return createHash('sha256').update(query).digest('hex')
}

/**
 * Find which persisted query error, if any, the server answered with.
 */
const persistedQueryError = (result: any): string | undefined => {
  const errors: any[] = (result && Array.isArray(result.errors) && result.errors) || []
  for (const error of errors) {
    const code = error?.extensions?.code
    if (error?.message === NOT_FOUND || code === 'PERSISTED_QUERY_NOT_FOUND') return NOT_FOUND
    if (error?.message === NOT_SUPPORTED || code === 'PERSISTED_QUERY_NOT_SUPPORTED') return NOT_SUPPORTED
  }
  return undefined
}

/**
 * Create a fetch function that sends Automatic Persisted Queries: the first attempt carries only
 * the hash of the query, and the full query is sent again only when the server does not know it yet.
 *
 * Pass the result as the `fetch` option of a GraphQLClient. Only single POST requests with a JSON
 * body are changed; GET, batch and multipart (file upload) requests go out as they are.
 */
export const createPersistedQueriesFetch = (options: PersistedQueriesOptions = {}): Fetch => {
  const {
    fetch = crossFetch,
    sha256 = defaultSha256,
    disableOnUnsupported = true,
    jsonSerializer = defaultJsonSerializer,
  } = options
  const hashes = new Map<string, Promise<string>>()
  let supported = true

  const hashOf = (query: string): Promise<string> => {
    let hash = hashes.get(query)
    if (!hash) {
      hash = Promise.resolve(sha256(query))
      hashes.set(query, hash)
      hash.catch(() => hashes.delete(query))
    }
    return hash
  }

  return async (url, init = {}) => {
    if (!supported || (init.method ?? 'GET').toUpperCase() !== 'POST' || typeof init.body !== 'string') {
      return fetch(url, init)
    }

    let payload: any
    try {
      payload = jsonSerializer.parse(init.body)
    } catch (e) {
      return fetch(url, init)
    }
    if (!payload || Array.isArray(payload) || typeof payload.query !== 'string') {
      return fetch(url, init)
    }

    const { query, ...rest } = payload
    const persistedQuery = { version: 1, sha256Hash: await hashOf(query) }
    const extensions = { ...rest.extensions, persistedQuery }

    const response = await fetch(url, {
      ...init,
      body: jsonSerializer.stringify({ ...rest, extensions }),
    })

    let result: any
    try {
      result = jsonSerializer.parse(await response.clone().text())
    } catch (e) {
      return response
    }

    const error = persistedQueryError(result)
    if (!error) return response
    if (error === NOT_SUPPORTED && disableOnUnsupported) {
      supported = false
      return fetch(url, init)
    }

    return fetch(url, {
      ...init,
      body: jsonSerializer.stringify({ ...rest, query, extensions }),
    })
  }
}
