import { describe, expect, it } from 'vitest'
import { applySecrets, describeSecrets, isSensitiveKey, MASK, parseSecrets, secretEntries, secretsMap } from '../../../src/shared/tools/secrets'

const SAMPLE = `# Badge secrets — keep this file off GitHub!
WIFI_SSID = "Café Wi-Fi"   # the venue
WIFI_PASSWORD = 'p@ss"word\\\\x'
GITHUB_USERNAME = r'octo\\cat'

WEATHER_LOCATION = ("Zürich", "CH")
if True:
    INDENTED = "not a top-level key"
MULTI = (
    "a",  # comment inside
    "b",
)
a = b = 1
TRIPLE = """line1
line2"""
EMOJI = "\\u2764 ❤"
MY_API_KEY = "k-123"
`

describe('parseSecrets', () => {
  it('reads strings with any quoting, raw values and counts other lines', () => {
    const doc = parseSecrets(SAMPLE)
    const m = secretsMap(doc)
    expect(m.get('WIFI_SSID')).toEqual({ type: 'string', value: 'Café Wi-Fi' })
    expect(m.get('WIFI_PASSWORD')).toEqual({ type: 'string', value: 'p@ss"word\\x' })
    expect(m.get('GITHUB_USERNAME')).toEqual({ type: 'string', value: 'octo\\cat' })
    expect(m.get('WEATHER_LOCATION')).toEqual({ type: 'raw', source: '("Zürich", "CH")' })
    expect(m.get('MULTI')?.type).toBe('raw')
    expect(m.get('TRIPLE')).toEqual({ type: 'string', value: 'line1\nline2' })
    expect(m.get('EMOJI')).toEqual({ type: 'string', value: '❤ ❤' })
    expect(m.has('INDENTED')).toBe(false)
    expect(m.has('a')).toBe(false)
    expect(doc.otherLines).toBeGreaterThanOrEqual(3)
  })
})

describe('applySecrets', () => {
  it('is the identity with no changes and with unchanged values', () => {
    expect(applySecrets(SAMPLE, {})).toBe(SAMPLE)
    const same = Object.fromEntries(secretsMap(parseSecrets(SAMPLE)))
    expect(applySecrets(SAMPLE, { set: same })).toBe(SAMPLE)
  })

  it('changes one value in place, keeping its quote style, comments and every other byte', () => {
    const out = applySecrets(SAMPLE, { set: { WIFI_SSID: { type: 'string', value: 'Hôtel "Lobby"' } } })
    expect(out).toBe(SAMPLE.replace('"Café Wi-Fi"', `'Hôtel "Lobby"'`))
    const pw = applySecrets(SAMPLE, { set: { WIFI_PASSWORD: { type: 'string', value: "it's\n" } } })
    expect(pw).toContain('WIFI_PASSWORD = "it\'s\\n"\n')
    expect(secretsMap(parseSecrets(pw)).get('WIFI_PASSWORD')).toEqual({ type: 'string', value: "it's\n" })
  })

  it('round-trips odd values through write then parse', () => {
    const values = ['', 'ünïcödé ✓ 日本', 'back\\slash', `both ' and "`, 'tab\there', '\u0001ctl', '🙂']
    for (const v of values) {
      const out = applySecrets(SAMPLE, { set: { GITHUB_TOKEN: { type: 'string', value: v }, WIFI_SSID: { type: 'string', value: v } } })
      const m = secretsMap(parseSecrets(out))
      expect(m.get('GITHUB_TOKEN')).toEqual({ type: 'string', value: v })
      expect(m.get('WIFI_SSID')).toEqual({ type: 'string', value: v })
      expect(out.startsWith('# Badge secrets — keep this file off GitHub!\n')).toBe(true)
      expect(out).toContain('    "a",  # comment inside\n')
    }
  })

  it('appends new keys in the known order and removes keys with their line', () => {
    const out = applySecrets('X = 1', { set: { WLED_IP: { type: 'string', value: '10.0.0.2' }, WIFI_SSID: { type: 'string', value: 'n' } } })
    expect(out).toBe('X = 1\nWIFI_SSID = "n"\nWLED_IP = "10.0.0.2"\n')
    const removed = applySecrets(SAMPLE, { remove: ['MULTI', 'WIFI_SSID'] })
    expect(removed).not.toContain('MULTI')
    expect(removed).not.toContain('WIFI_SSID')
    expect(removed).toContain('# Badge secrets')
    expect(secretsMap(parseSecrets(removed)).get('TRIPLE')).toEqual({ type: 'string', value: 'line1\nline2' })
  })

  it('keeps CRLF line endings and raw values', () => {
    const src = 'WIFI_SSID = "a"\r\n# note\r\n'
    const out = applySecrets(src, { set: { WIFI_SSID: { type: 'string', value: 'b' }, WEATHER_LOCATION: { type: 'raw', source: ' (1.5, 2, "x", "y") ' } } })
    expect(out).toBe('WIFI_SSID = "b"\r\n# note\r\nWEATHER_LOCATION = (1.5, 2, "x", "y")\r\n')
  })

  it('edits the last of duplicate keys (the one Python uses)', () => {
    const out = applySecrets('K = "1"\nK = "2"\n', { set: { K: { type: 'string', value: '3' } } })
    expect(out).toBe('K = "1"\nK = "3"\n')
  })

  it('refuses invalid keys and multi-line raw values', () => {
    expect(() => applySecrets('', { set: { 'bad key': { type: 'string', value: 'x' } } })).toThrow(/invalid key/)
    expect(() => applySecrets('', { set: { K: { type: 'raw', source: '1\nimport os' } } })).toThrow(/one non-empty line/)
  })
})

describe('masking', () => {
  it('masks sensitive keys unless revealed, and describes safely', () => {
    expect(isSensitiveKey('WIFI_PASSWORD')).toBe(true)
    expect(isSensitiveKey('GITHUB_TOKEN')).toBe(true)
    expect(isSensitiveKey('MY_API_KEY')).toBe(true)
    expect(isSensitiveKey('WIFI_SSID')).toBe(false)
    const doc = parseSecrets(SAMPLE)
    const masked = secretEntries(doc)
    const pw = masked.find((e) => e.key === 'WIFI_PASSWORD')!
    expect(pw).toMatchObject({ masked: true, value: null, known: true })
    expect(JSON.stringify(masked)).not.toContain('p@ss')
    expect(JSON.stringify(masked)).not.toContain('k-123')
    expect(secretEntries(doc, { reveal: true }).find((e) => e.key === 'WIFI_PASSWORD')!.value).toBe('p@ss"word\\x')
    const line = describeSecrets(doc)
    expect(line).toContain(`WIFI_PASSWORD=${MASK}`)
    expect(line).toContain('WIFI_SSID="Café Wi-Fi"')
    expect(line).not.toContain('p@ss')
  })
})
