/** The link policy chosen from what the probe found. */
import { describe, expect, it } from 'vitest'
import { choosePolicy } from '../../../../src/main/services/device/link-policy'

describe('choosePolicy', () => {
  it('gives raw-paste (compiled as it arrives) execs up to 64 KiB sent with the request, plain raw (held whole first) up to 16 KiB', () => {
    expect(choosePolicy({ rawPaste: true, byteReader: 'stdin', memFree: 8 << 20 })).toMatchObject({ kind: 'raw-paste', execChars: 65_536, resends: 1, pasteAhead: true })
    expect(choosePolicy({ rawPaste: false, byteReader: 'stdin', memFree: 8 << 20 })).toMatchObject({ kind: 'plain', execChars: 16_384, resends: 1, pasteAhead: false })
  })

  it('bounds execs by a quarter of the free heap', () => {
    expect(choosePolicy({ rawPaste: true, byteReader: 'stdin', memFree: 100_000 }).execChars).toBe(25_000)
    expect(choosePolicy({ rawPaste: true, byteReader: 'stdin', memFree: 40_000 })).toMatchObject({ execChars: 10_000, smallHeap: true })
  })

  it('paces a UART firmware without raw-paste and resends its damaged code', () => {
    expect(choosePolicy({ rawPaste: false, byteReader: 'uart', memFree: 9000 })).toMatchObject({ kind: 'uart', chunkSize: 32, execChars: 256, resends: 6, smallHeap: true })
  })
})
