/** Data shapes of deploy and run-on-badge, shared by the service, the CLI and the IDE. */

/** Hash algorithms a device can compute in the batched query. */
export type HashAlgo = 'sha256' | 'adler32'

/** One project file as the deploy sees it. */
export interface LocalFile {
  /** Project-relative POSIX path. */
  rel: string
  size: number
  /** Hex SHA-256 and the Adler-32 (as a number) of the bytes. */
  sha256: string
  adler32: number
}

/** One file found on the device by the batched query. */
export interface DeviceFileInfo {
  /** Absolute device path. */
  path: string
  size: number
  /** Hex SHA-256 or the decimal Adler-32, per {@link DeviceSnapshot.algo}; null when unreadable. */
  hash: string | null
}

/** What one device round trip reported. */
export interface DeviceSnapshot {
  algo: HashAlgo
  files: DeviceFileInfo[]
  /** Free bytes on the target volume, when the device can tell. */
  freeBytes?: number
  /** True when the deploy cookie matched: files carry sizes only (hashes come from the local record). */
  sizesOnly?: boolean
}

/** Why a file is sent or skipped. */
export type SendReason = 'new' | 'changed'

/** One file the plan sends. */
export interface PlanSend {
  rel: string
  device: string
  size: number
  reason: SendReason
}

/** One file already on the device with the same content. */
export interface PlanSkip {
  rel: string
  device: string
  size: number
}

/** One device file the plan removes (only with consent, and our own leftovers). */
export interface PlanDelete {
  device: string
  size: number
  /** `orphan`: the project no longer has it; `leftover`: a temporary file of an interrupted deploy. */
  reason: 'orphan' | 'leftover'
}

/** The deploy plan: what will be sent, skipped, deleted and protected. */
export interface DeployPlan {
  /** App slugs in scope (deletions stay inside their folders). */
  apps: string[]
  algo: HashAlgo
  send: PlanSend[]
  skip: PlanSkip[]
  delete: PlanDelete[]
  /** Device files the project no longer has that were kept because deletion was not asked for. */
  kept: string[]
  /** Project files never sent unless explicitly included (secrets.py, state/). */
  protected: string[]
  /** Bytes the plan sends. */
  bytesToSend: number
  /** True when nothing needs to be sent or deleted. */
  upToDate: boolean
}

/** Progress of a running deploy. */
export interface DeployProgress {
  phase: 'planning' | 'sending' | 'deleting' | 'done'
  /** The file being written (device path), if any. */
  file?: string
  filesDone: number
  filesTotal: number
  bytesDone: number
  bytesTotal: number
}

/** The outcome of a deploy. */
export interface DeployResult {
  /** 'up-to-date': nothing to do; 'cancelled': stopped between files; 'failed': see error. */
  status: 'done' | 'up-to-date' | 'cancelled' | 'failed'
  via: 'serial' | 'disk'
  sent: string[]
  skipped: string[]
  deleted: string[]
  /** Files of the plan not sent (cancel or failure). */
  notSent: string[]
  bytesSent: number
  ms: number
  error?: { code: string; message: string; detail?: string }
}
