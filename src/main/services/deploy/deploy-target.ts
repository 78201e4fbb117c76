/**
 * Where a deploy writes: the serial link to the badge, or the badge's USB drive in disk mode. Both
 * answer the plan's one snapshot query and carry out writes and deletes with the same guarantees
 * (binary-safe, atomic where possible, verified before they count).
 */
import type { AppScope, DeviceLayout } from '../../../shared/deploy/layout'
import type { DeviceSnapshot } from '../../../shared/deploy/types'

/** A file handed to a target, with the hashes the device may check it against. */
export interface TargetFile {
  path: string
  data: Uint8Array
  sha256: string
  adler32: number
}

/** Callbacks and cancel of {@link DeployTarget.writeFiles}. */
export interface WriteFilesHooks {
  onWritten: (path: string) => void
  onBytes?: (path: string, done: number) => void
  signal?: AbortSignal
  /**
   * The deploy cookie (targets with an `identity`): removed before the first file is touched, so an
   * interrupted deploy is never trusted, and holding `token` once every file was confirmed.
   */
  cookie?: { path: string; token: string }
  /**
   * Targets with `checksAhead`: the write goes out without a snapshot first, carrying the check that
   * the device is still as `cookie` records it (and has `need` bytes free); a device that is not
   * refuses it before any file is touched, and the write rejects with {@link DeviceChanged}.
   */
  guard?: SnapshotGuard
}

/** What {@link WriteFilesHooks.guard} checks: the snapshot's question, with the answer expected. */
export interface SnapshotGuard {
  paths: readonly string[]
  scopes: readonly AppScope[]
  cookie: SnapshotCookie & { sizes: Readonly<Record<string, number>> }
  /** Bytes the writes need free (new minus old sizes, plus the largest old copy kept meanwhile). */
  need: number
}

/** A guarded write found the device changed since the record; nothing was written. */
export class DeviceChanged extends Error {}

/** The deploy cookie a snapshot checks, from the local record of the last deploy. */
export interface SnapshotCookie {
  /** Device path of the cookie file. */
  path: string
  token: string
  /**
   * Device path → size of what the snapshot finds when nothing changed since that deploy: a device
   * that finds exactly this answers with one line instead of the list.
   */
  sizes?: Readonly<Record<string, number>>
}

/** A deploy destination. */
export interface DeployTarget {
  readonly via: 'serial' | 'disk'
  readonly layout: DeviceLayout
  /** True when a cut mid-write leaves the old file (temp + rename); false writes in place. */
  readonly atomic: boolean
  /**
   * One round trip: size and hash of each of `paths` that exists, plus every file inside the
   * `scopes` (for orphans and leftovers), plus free space when known.
   */
  snapshot(paths: readonly string[], scopes: readonly AppScope[], cookie?: SnapshotCookie): Promise<DeviceSnapshot>
  /**
   * Identifies the device for the local deploy record (absent: no record, always hash). Targets that
   * hash cheaply (the drive) leave it out.
   */
  readonly identity?: string
  /** Writes one file (parents created), verified; `onProgress` gets bytes written so far. */
  write(path: string, data: Uint8Array, onProgress: (done: number) => void): Promise<void>
  /**
   * Optional: writes many files in as few round trips as the target can (instead of {@link write}
   * per file). `onWritten` runs per file as the target confirms it, `onBytes` with the bytes of a
   * file on the target so far; when `signal` is aborted the target stops before its next round trip.
   */
  writeFiles?(files: readonly TargetFile[], hooks: WriteFilesHooks): Promise<void>
  /** True when {@link writeFiles} takes a `guard` (one round trip less for a deploy the record predicts). */
  readonly checksAhead?: boolean
  /** Deletes one file. */
  remove(path: string): Promise<void>
}
