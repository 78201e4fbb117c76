import { describe, expect, it } from 'vitest'
import { mockTemplate, parseHost, pendingProposals } from '../../src/renderer/src/lib/network-hosts'

describe('network settings in the window', () => {
  it('takes a host name, trimmed and in lower case, or *.domain', () => {
    expect(parseHost('  API.Example.com ')).toEqual({ host: 'api.example.com' })
    expect(parseHost('*.example.com')).toEqual({ host: '*.example.com' })
  })

  it('takes the host of a pasted URL', () => {
    expect(parseHost('https://api.weather.example/v1/today?x=1')).toEqual({ host: 'api.weather.example' })
  })

  it('refuses an empty entry, a broken URL and a name with a path or spaces, saying why', () => {
    expect(parseHost('   ')).toMatchObject({ error: expect.stringContaining('Type a host name') })
    expect(parseHost('http://')).toMatchObject({ error: expect.stringContaining('not a URL') })
    expect(parseHost('example.com/path')).toMatchObject({ error: expect.stringContaining('not a host name') })
    expect(parseHost('two words')).toMatchObject({ error: expect.stringContaining('*.example.com') })
  })

  it('lists the proposed hosts the user has not allowed yet', () => {
    expect(pendingProposals(['a.example', 'b.example'], ['b.example'])).toEqual(['a.example'])
    expect(pendingProposals(undefined, [])).toEqual([])
  })

  it('starts a mock in .badge-ide/mocks under a name not taken, in the mock format', () => {
    const m = mockTemplate('*.example.com', new Set(['.badge-ide/mocks/example.com.json']))
    expect(m.path).toBe('.badge-ide/mocks/example.com-2.json')
    expect(JSON.parse(m.text)).toMatchObject({ url: 'https://example.com/*', method: 'GET', status: 200 })
  })
})
