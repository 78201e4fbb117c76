/** Collects interpreter output bytes and posts them in chunks (per line, or when asked). */
export class OutputBuffer {
  private bytes: number[] = []
  private readonly decoder = new TextDecoder()
  constructor(
    private readonly send: (data: Uint8Array) => void,
    private readonly opts: { crlf?: boolean; flushAtNewline?: boolean } = {},
  ) {}
  /** Adds one byte (a bare LF becomes CR LF when `crlf`, as the badge's cooked stdout does). */
  push(b: number): void {
    if (this.opts.crlf && b === 10 && this.bytes[this.bytes.length - 1] !== 13) this.bytes.push(13)
    this.bytes.push(b)
    if ((this.opts.flushAtNewline && b === 10) || this.bytes.length >= 4096) this.flush()
  }
  /** Posts what is pending. */
  flush(): void {
    if (this.bytes.length === 0) return
    const data = Uint8Array.from(this.bytes)
    this.bytes = []
    this.send(data)
  }
  /** Decodes bytes as UTF-8 keeping split sequences for the next chunk. */
  decode(data: Uint8Array): string {
    return this.decoder.decode(data, { stream: true })
  }
}
