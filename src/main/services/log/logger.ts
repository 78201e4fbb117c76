/**
 * The one log of the app, its services and the CLI: pino writing JSON lines to a rotating file
 * (rotating-file-stream) in `<user data>/logs` — `badge-ide.log`, moved to `badge-ide.log.1` (then
 * `.2`…) past 2 MB, 5 older files kept.
 * Until {@link openLog} runs, and in tests, logging goes nowhere.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import pino, { type Logger } from 'pino'
import { createStream, type RotatingFileStream } from 'rotating-file-stream'

export type { Logger }

/** Levels from most to least detailed; `info` is the default. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const

/** A log level. */
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Size of one log file before the next one starts, and how many older files are kept. */
export const LOG_ROTATION = { size: '2M', keep: 5 } as const

/** The current log file's name (older ones add .1, .2…). */
export const LOG_FILE = 'badge-ide.log'

// Disabled (not just silent): a level set before openLog must never print to stdout.
const off = (): Logger => pino({ enabled: false })
let current: Logger = off()
let stream: RotatingFileStream | null = null
let folder: string | null = null

/** The log (a silent one until {@link openLog}); `child(name)` tags lines with their part of the app. */
export function log(part?: string): Logger {
  return part ? current.child({ part }) : current
}

/** The folder the log files are in, once opened. */
export function logFolder(): string | null {
  return folder
}

/** The level `value` names, or `fallback` (settings and the environment may hold anything). */
export function parseLevel(value: unknown, fallback: LogLevel = 'info'): LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value) ? (value as LogLevel) : fallback
}

/**
 * Starts logging to `<dir>/badge-ide.N.log` at `level` (BADGE_IDE_LOG_LEVEL overrides it). Calling it
 * again reopens in the new folder.
 */
export async function openLog(dir: string, level: LogLevel = 'info'): Promise<Logger> {
  closeLog()
  const s = createStream(LOG_FILE, { path: dir, size: LOG_ROTATION.size, rotate: LOG_ROTATION.keep })
  // A folder that cannot be made or written turns the log off rather than failing the app.
  s.on('error', () => closeLog())
  stream = s
  folder = dir
  current = pino({ level: parseLevel(process.env['BADGE_IDE_LOG_LEVEL'], level), base: { pid: process.pid } }, s)
  return current
}

/** Changes the level of the open log (nothing before {@link openLog}). */
export function setLogLevel(level: LogLevel): void {
  if (stream) current.level = parseLevel(process.env['BADGE_IDE_LOG_LEVEL'], level)
}

/** Stops logging to the file; what was logged is written out in the background (before exit). */
export function closeLog(): void {
  stream?.end()
  stream = null
  folder = null
  current = off()
}

/** Resolves once what was logged so far is in the file (before the files are read for diagnostics). */
export function flushLog(): Promise<void> {
  const s = stream
  if (!s) return Promise.resolve()
  // rotating-file-stream writes in order: a write's callback means everything before it is written.
  return new Promise((resolve) => s.write('', () => resolve()))
}

/** The log files in `dir`, oldest first, as text (for diagnostics); at most `maxBytes` from the end. */
export function readLogFiles(dir: string, maxBytes = 4 * 1024 * 1024): string {
  let files: string[]
  try {
    files = readdirSync(dir).filter((f) => f === LOG_FILE || /^badge-ide\.log\.\d+$/.test(f))
  } catch {
    return ''
  }
  const age = (f: string) => (f === LOG_FILE ? 0 : Number(f.slice(LOG_FILE.length + 1)))
  const text = files.sort((a, b) => age(b) - age(a)).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('')
  return text.length > maxBytes ? text.slice(text.length - maxBytes) : text
}

/** Total size of the log files in `dir` in bytes. */
export function logSize(dir: string): number {
  try {
    return readdirSync(dir).reduce((n, f) => n + statSync(path.join(dir, f)).size, 0)
  } catch {
    return 0
  }
}
