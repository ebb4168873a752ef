/**
 * Which address a request comes from: the socket's, or with TRUST_PROXY the X-Forwarded-For
 * entry the operator's own proxy added (the rightmost, or N from the right for N proxies),
 * never the client-written entries left of it; and which requests count as this machine.
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { clientAddress, isLocalRequest } from '../../server/http/rate-limits.ts'

function probe(trustProxy: number) {
  const app = new Hono()
  app.get('/', (c) => c.json({ address: clientAddress(c, trustProxy), local: isLocalRequest(c, trustProxy) }))
  return async (socket: string | null, headers: Record<string, string> = {}, url = 'http://localhost/') => {
    const env = socket ? { incoming: { socket: { remoteAddress: socket } } } : undefined
    const res = await app.request(url, { headers }, env)
    return (await res.json()) as { address: string; local: boolean }
  }
}

describe('clientAddress', () => {
  it('ignores X-Forwarded-For without TRUST_PROXY', async () => {
    const ask = probe(0)
    expect(await ask('198.51.100.7', { 'x-forwarded-for': '127.0.0.1' })).toEqual({
      address: '198.51.100.7',
      local: false,
    })
    expect((await ask('::ffff:192.0.2.1')).address).toBe('192.0.2.1')
    expect((await ask(null)).address).toBe('unknown')
  })

  it('takes the rightmost entry behind one proxy, whatever the client wrote before it', async () => {
    const ask = probe(1)
    expect((await ask('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).address).toBe('203.0.113.9')
    expect((await ask('127.0.0.1', { 'x-forwarded-for': '127.0.0.1, 10.1.1.1, 203.0.113.9' })).address).toBe(
      '203.0.113.9',
    )
    // No header: the socket (a request that did not pass the proxy).
    expect((await ask('192.0.2.5')).address).toBe('192.0.2.5')
  })

  it('counts N hops from the right behind N proxies', async () => {
    const ask = probe(2)
    expect((await ask('127.0.0.1', { 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.0.0.2' })).address).toBe(
      '203.0.113.9',
    )
    // Too short to have passed both proxies: not trusted, the socket counts.
    expect((await ask('10.0.0.3', { 'x-forwarded-for': '127.0.0.1' })).address).toBe('10.0.0.3')
  })
})

describe('isLocalRequest', () => {
  it('is a loopback address, addressed by a loopback name, not forwarded', async () => {
    const ask = probe(0)
    expect((await ask('127.0.0.1')).local).toBe(true)
    expect((await ask('::1', {}, 'http://[::1]:3000/')).local).toBe(true)
    expect((await ask('127.0.0.1', {}, 'http://127.0.0.1:3000/')).local).toBe(true)
    // DNS rebinding: a foreign name pointing at 127.0.0.1.
    expect((await ask('127.0.0.1', {}, 'http://evil.example/')).local).toBe(false)
    // A proxy on this host that the operator did not declare.
    expect((await ask('127.0.0.1', { 'x-forwarded-for': '198.51.100.7' })).local).toBe(false)
    expect((await ask('127.0.0.1', { forwarded: 'for=198.51.100.7' })).local).toBe(false)
    expect((await ask('192.168.1.20')).local).toBe(false)
    expect((await ask(null)).local).toBe(false)
  })

  it('behind a trusted proxy, only when the proxy says the client is on this machine', async () => {
    const ask = probe(1)
    expect((await ask('127.0.0.1', { 'x-forwarded-for': '127.0.0.1, 198.51.100.7' })).local).toBe(false)
    expect((await ask('127.0.0.1', { 'x-forwarded-for': '127.0.0.1' })).local).toBe(true)
    // A LAN peer that reached the port itself (HOST=0.0.0.0 beside the proxy) and wrote the header
    // the proxy would have: the socket is not this machine, so neither is the request.
    expect((await ask('192.168.1.20', { 'x-forwarded-for': '127.0.0.1' })).local).toBe(false)
    expect((await probe(2)('192.168.1.20', { 'x-forwarded-for': '127.0.0.1, 127.0.0.1' })).local).toBe(false)
  })
})
