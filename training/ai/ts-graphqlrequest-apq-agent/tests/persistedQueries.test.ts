import { Response } from 'cross-fetch'
import { createHash } from 'crypto'
import { GraphQLClient, gql } from '../src'
import { createPersistedQueriesFetch, defaultSha256 } from '../src/persistedQueries'

const query = `{ me { id } }`
const hash = createHash('sha256').update(query).digest('hex')

const json = (body: any) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })

const notFound = () => json({ errors: [{ message: 'PersistedQueryNotFound' }] })
const notSupported = () => json({ errors: [{ message: 'PersistedQueryNotSupported' }] })

const bodyOf = (call: any[]) => JSON.parse(call[1].body)

test('defaultSha256 hashes like node crypto', async () => {
  expect(await defaultSha256(query)).toEqual(hash)
})

test('sends only the hash when the server knows the query', async () => {
  const fetch = jest.fn().mockResolvedValue(json({ data: { me: { id: '1' } } }))
  const client = new GraphQLClient('https://example.com/graphql', {
    fetch: createPersistedQueriesFetch({ fetch }),
  })

  const data = await client.request(query)

  expect(data).toEqual({ me: { id: '1' } })
  expect(fetch).toHaveBeenCalledTimes(1)
  expect(bodyOf(fetch.mock.calls[0])).toEqual({
    extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
  })
})

test('sends the full query after PersistedQueryNotFound', async () => {
  const fetch = jest
    .fn()
    .mockResolvedValueOnce(notFound())
    .mockResolvedValueOnce(json({ data: { me: { id: '1' } } }))
  const client = new GraphQLClient('https://example.com/graphql', {
    fetch: createPersistedQueriesFetch({ fetch }),
  })

  const data = await client.request(query, { a: 1 })

  expect(data).toEqual({ me: { id: '1' } })
  expect(fetch).toHaveBeenCalledTimes(2)
  expect(bodyOf(fetch.mock.calls[1])).toEqual({
    query,
    variables: { a: 1 },
    extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
  })
})

test('recognises the not found error by its extension code', async () => {
  const fetch = jest
    .fn()
    .mockResolvedValueOnce(
      json({ errors: [{ message: 'nope', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] })
    )
    .mockResolvedValueOnce(json({ data: { ok: true } }))
  const persistedFetch = createPersistedQueriesFetch({ fetch })

  const response = await persistedFetch('https://example.com/graphql', {
    method: 'POST',
    body: JSON.stringify({ query }),
  })

  expect(await response.json()).toEqual({ data: { ok: true } })
  expect(bodyOf(fetch.mock.calls[1]).query).toEqual(query)
})

test('stops hashing when the server does not support persisted queries', async () => {
  const fetch = jest
    .fn()
    .mockResolvedValueOnce(notSupported())
    .mockImplementation(() => Promise.resolve(json({ data: { me: null } })))
  const client = new GraphQLClient('https://example.com/graphql', {
    fetch: createPersistedQueriesFetch({ fetch }),
  })

  await client.request(query)
  await client.request(query)

  expect(fetch).toHaveBeenCalledTimes(3)
  expect(bodyOf(fetch.mock.calls[1])).toEqual({ query })
  expect(bodyOf(fetch.mock.calls[2])).toEqual({ query })
})

test('keeps sending hashes after PersistedQueryNotSupported when disableOnUnsupported is false', async () => {
  const fetch = jest
    .fn()
    .mockResolvedValueOnce(notSupported())
    .mockResolvedValue(json({ data: {} }))
  const persistedFetch = createPersistedQueriesFetch({ fetch, disableOnUnsupported: false })
  const init = { method: 'POST', body: JSON.stringify({ query }) }

  await persistedFetch('https://example.com/graphql', init)
  await persistedFetch('https://example.com/graphql', init)

  expect(bodyOf(fetch.mock.calls[1]).query).toEqual(query)
  expect(bodyOf(fetch.mock.calls[2]).query).toBeUndefined()
})

test('hashes each query once', async () => {
  const sha256 = jest.fn().mockReturnValue('abc')
  const fetch = jest.fn().mockImplementation(() => Promise.resolve(json({ data: {} })))
  const client = new GraphQLClient('https://example.com/graphql', {
    fetch: createPersistedQueriesFetch({ fetch, sha256 }),
  })

  await Promise.all([client.request(query), client.request(query), client.request(`{ other }`)])

  expect(sha256).toHaveBeenCalledTimes(2)
  expect(bodyOf(fetch.mock.calls[0]).extensions.persistedQuery.sha256Hash).toEqual('abc')
})

test('keeps existing extensions', async () => {
  const fetch = jest.fn().mockResolvedValue(json({ data: {} }))
  const persistedFetch = createPersistedQueriesFetch({ fetch, sha256: () => 'abc' })

  await persistedFetch('https://example.com/graphql', {
    method: 'POST',
    body: JSON.stringify({ query, extensions: { tracing: true } }),
  })

  expect(bodyOf(fetch.mock.calls[0]).extensions).toEqual({
    tracing: true,
    persistedQuery: { version: 1, sha256Hash: 'abc' },
  })
})

test('leaves GET and batch requests alone', async () => {
  const fetch = jest.fn().mockResolvedValue(json({ data: {} }))
  const persistedFetch = createPersistedQueriesFetch({ fetch })

  await persistedFetch('https://example.com/graphql?query=%7B%20me%20%7D', { method: 'GET' })
  const batch = JSON.stringify([{ query }, { query }])
  await persistedFetch('https://example.com/graphql', { method: 'POST', body: batch })

  expect(fetch.mock.calls[0][1]).toEqual({ method: 'GET' })
  expect(fetch.mock.calls[1][1].body).toEqual(batch)
})

test('errors other than persisted query errors are passed through', async () => {
  const fetch = jest.fn().mockResolvedValue(json({ errors: [{ message: 'Cannot query field' }] }))
  const client = new GraphQLClient('https://example.com/graphql', {
    fetch: createPersistedQueriesFetch({ fetch }),
  })

  await expect(
    client.request(gql`
      {
        missing
      }
    `)
  ).rejects.toThrow('Cannot query field')
  expect(fetch).toHaveBeenCalledTimes(1)
})
