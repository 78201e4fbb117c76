/**
 * Streaming UTF-8 decoding for device output: a multi-byte character split across two serial reads is
 * held back until its last byte arrives instead of turning into two replacement characters.
 */

/** Decodes a byte stream chunk by chunk. Invalid sequences become U+FFFD (output must never stop). */
export class Utf8Stream {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false })

  /** Decodes `chunk`, keeping an incomplete trailing sequence for the next call. */
  push(chunk: Uint8Array): string {
    return this.decoder.decode(chunk, { stream: true })
  }

  /** Flushes whatever is held back (an incomplete sequence becomes U+FFFD). */
  end(): string {
    return this.decoder.decode()
  }
}

/** Decodes complete UTF-8 strictly; returns undefined when the bytes are not valid UTF-8. */
export function decodeUtf8Strict(data: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data)
  } catch {
    return undefined
  }
}

/** Encodes a string as UTF-8 bytes. */
export function encodeUtf8(s: string): Uint8Array {
  return new TextEncoder().encode(s)
}
