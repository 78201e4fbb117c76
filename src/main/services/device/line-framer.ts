/**
 * Line framing of streamed device output with `@serialport/parser-readline`: the parser finds the
 * line ends, callers get each completed line with its line break (so output stays byte for byte)
 * and can look at the incomplete last line, e.g. to show a prompt that has no newline yet.
 */
import { ReadlineParser } from '@serialport/parser-readline'

/** Feeds text chunks to a readline parser and hands back the lines they complete. */
export class LineFramer {
  private parser = newParser()

  /** Feeds `chunk`; returns the lines it completed, each ending in `\n` (`\r\n` kept as sent). */
  push(chunk: string): string[] {
    if (chunk) this.parser.write(chunk)
    return this.drain()
  }

  /** The incomplete last line received so far (not yet returned by {@link push}). */
  get pending(): string {
    return this.parser.buffer.toString('utf8')
  }

  /**
   * Forgets the incomplete last line (its text was used already); the line's rest, once it ends,
   * comes back alone. Keeps a line that never ends (a status line redrawn with `\r`) from piling up.
   */
  discardPending(): void {
    if (this.parser.buffer.length) this.parser = newParser()
  }

  /** Ends the stream; returns the incomplete last line ('' when the output ended with a newline). */
  end(): string {
    const tail = this.pending
    this.parser.end()
    this.drain()
    return tail
  }

  private drain(): string[] {
    const lines: string[] = []
    for (let l: unknown; (l = this.parser.read()) !== null; ) if (typeof l === 'string' && l) lines.push(l)
    return lines
  }
}

// Object mode: one read() is one line. Read synchronously after every write (paused mode), so lines
// come back in the same call and in order.
function newParser(): ReadlineParser {
  return new ReadlineParser({ delimiter: '\n', includeDelimiter: true, readableObjectMode: true })
}
