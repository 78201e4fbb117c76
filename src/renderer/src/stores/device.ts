/**
 * The badge connection as the views see it: ports, connection state (with the REPL attached once
 * connected), the device file list, live stats and deploy progress with its result summary.
 */
import { reactive, shallowRef } from 'vue'
import type { DeployPlanView, DeployProgress, DeployResult, RunState } from '@shared/ipc/domains/deploy'
import type { DeviceFileEntry, DeviceState, PortInfo } from '@shared/ipc/domains/device'
import type { DeviceStats, MemoryPoint, StatsUpdate } from '@shared/ipc/domains/stats'
import { api, ApiError, call } from '../api'
import { saveBytes } from './save-bytes'
import { announceRun, consoleState, markFrames, showConsoleTab, writeConsole } from './console'
import { dismissCodes, notify, notifyError } from './notifications'
import { openFile, saveAll, workspace } from './workspace'
import { chosenPort, PORT_POLL_MS, replugStep, samePorts, type LostLink } from '../lib/port-watch'
import { confirmDeploySyntax } from './problems'

/** One file or folder on the badge (the contract's listing entry). */
export type DeviceEntry = DeviceFileEntry

/** Deploy progress and the last result. */
export interface DeployView {
  running: boolean
  done: number
  total: number
  file: string
  summary: string | null
  failed: boolean
}

/** Live device state. */
export const device = reactive({
  ports: [] as PortInfo[],
  selected: '' as string,
  state: { status: 'disconnected' } as DeviceState,
  cwd: '/',
  files: [] as DeviceEntry[],
  filesError: null as string | null,
  loadingFiles: false,
  stats: null as DeviceStats | null,
  statsHistory: [] as MemoryPoint[],
  deploy: { running: false, done: 0, total: 0, file: '', summary: null, failed: false } as DeployView,
  /** Mounted BADGER drives (the badge in USB disk mode); Deploy writes there when there is one. */
  drives: [] as string[],
  /** The app started on the badge from the IDE (null before the first run). */
  run: null as RunState | null,
  /** True between asking to cancel a deploy and its result. */
  cancelling: false,
  /** A badge whose link was lost (unplugged, reset): connected again when its port is back. */
  lost: null as LostLink | null,
  /** The pseudo-terminal the virtual badge is shared on (other tools open it), or null. */
  shared: null as string | null,
})

/** True while an app started from the IDE is being deployed or runs on the badge. */
export function isBadgeRunning(): boolean {
  return device.run?.status === 'deploying' || device.run?.status === 'running'
}

/** True while a badge is connected (idle, busy or running). */
export function isConnected(): boolean {
  return ['connected', 'busy', 'running'].includes(device.state.status)
}

/** Human text for the connection state. */
export function stateLabel(s: DeviceState): string {
  switch (s.status) {
    case 'disconnected':
      return 'Not connected'
    case 'connecting':
      return `Connecting to ${s.port ?? 'badge'}…`
    case 'connected':
      return `Connected: ${s.port === 'virtual' ? 'virtual badge' : (s.port ?? 'badge')}`
    case 'busy':
      return 'Busy…'
    case 'running':
      return 'Running an app'
    case 'error':
      return s.error?.message ?? 'Connection error'
  }
}

// Listings are numbered: one answered after a newer one was asked for is stale (a slow answer from
// before a badge was plugged in must not hide it again).
let listings = 0

/** Lists ports (badge first, as main sorts them) and keeps a sensible selection. */
export async function refreshPorts(): Promise<void> {
  try {
    const mine = ++listings
    const ports = await call(api.device.listPorts({}))
    if (mine !== listings) return
    device.ports = ports
    if (!device.ports.some((p) => p.path === device.selected)) device.selected = device.ports[0]?.path ?? ''
  } catch (e) {
    notifyError(e, 'List ports')
  }
}

/**
 * Lists the ports quietly (every {@link PORT_POLL_MS} while the window is open): a badge plugged in
 * or out shows without Refresh, and a lost badge is connected again once its port is back.
 */
export async function pollPorts(): Promise<void> {
  const mine = ++listings
  const r = await api.device.listPorts({})
  if (!r.ok || mine !== listings) return
  if (!samePorts(device.ports, r.value)) {
    // While connected the choice is the connected port and stays.
    if (!isConnected() && device.state.status !== 'connecting') device.selected = chosenPort(device.ports, r.value, device.selected)
    device.ports = r.value
  }
  if (!device.lost || (device.state.status !== 'disconnected' && device.state.status !== 'error')) return
  const step = replugStep(device.lost, r.value)
  device.lost = step.lost
  if (!step.reconnect) return
  const c = await api.device.connect({ path: step.reconnect })
  if (!c.ok) return // tried again at the next poll
  device.lost = null
  device.state = c.value
  device.selected = step.reconnect
  dismissCodes('DISCONNECTED', 'NOT_CONNECTED')
  writeConsole(`● The badge is back on ${step.reconnect}: connected again\n`, 'ide')
  await listFiles('/')
  await startStats()
  await api.device.replStart({})
}

/** Connects to the selected port, then lists the badge's files. */
export async function connect(path = device.selected): Promise<void> {
  device.lost = null
  if (!path) return notify('error', 'No serial port found. Plug the badge in (use a data cable) and press refresh.', 'PORT_NOT_FOUND')
  device.state = { status: 'connecting', port: path }
  try {
    device.state = await call(api.device.connect({ path }))
    writeConsole(`\n● Connected to ${path === 'virtual' ? 'the virtual badge' : path}\n`, 'ide')
    showConsoleTab('repl')
    await listFiles('/')
    await startStats()
    const repl = await api.device.replStart({})
    if (!repl.ok) notifyError(new ApiError(repl), 'REPL')
  } catch (e) {
    device.state = { status: 'disconnected' }
    notifyError(e, 'Connect')
  }
}

/** Shares the virtual badge on a pseudo-terminal for other tools (mpremote, Thonny). */
export async function shareVirtual(): Promise<void> {
  const r = await api.device.shareVirtual({})
  if (!r.ok) return notifyError(new ApiError(r), 'Share the virtual badge')
  device.shared = r.value.path
  writeConsole(`\n● The virtual badge is shared on ${r.value.path}: open it there (for example mpremote connect ${r.value.path})\n`, 'ide')
}

/** Stops sharing the virtual badge. */
export async function unshareVirtual(): Promise<void> {
  const r = await api.device.unshareVirtual({})
  if (!r.ok) return notifyError(new ApiError(r), 'Stop sharing')
  device.shared = null
}

/** Disconnects. */
export async function disconnect(): Promise<void> {
  device.lost = null
  stopStats()
  try {
    await call(api.device.disconnect({}))
  } catch (e) {
    notifyError(e, 'Disconnect')
  }
  device.state = { status: 'disconnected' }
  device.files = []
  device.stats = null
}

/** Folders first, then by name. */
function sortEntries(list: readonly DeviceEntry[]): DeviceEntry[] {
  return [...list].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1))
}

/** Lists a folder on the badge into {@link device.files}. */
export async function listFiles(dir = device.cwd): Promise<void> {
  device.loadingFiles = true
  const r = await api.device.listFiles({ path: dir })
  device.loadingFiles = false
  if (r.ok) {
    device.cwd = dir
    device.files = sortEntries(r.value)
    device.filesError = null
  } else {
    device.filesError = r.message
    notifyError(new ApiError(r), 'List badge files')
  }
}

/** Reads a badge file: text when it is UTF-8, else the raw bytes. */
export async function readDeviceFile(path: string): Promise<{ text?: string; bytes: Uint8Array }> {
  const f = await call(api.device.readFile({ path }))
  if (!f.binary && f.text !== undefined) return { text: f.text, bytes: new TextEncoder().encode(f.text) }
  return { bytes: f.bytes ?? new Uint8Array() }
}

/** Downloads a badge file (native save dialog, or a browser download). */
export async function downloadDeviceFile(entry: DeviceEntry): Promise<void> {
  try {
    const { bytes } = await readDeviceFile(entry.path)
    const where = await saveBytes(entry.name, bytes)
    if (where) notify('info', `Saved ${entry.path} to ${where}`)
  } catch (e) {
    notifyError(e, `Download ${entry.path}`)
  }
}

/** Deletes a badge file or folder after confirmation, then refreshes the list. */
export async function deleteDeviceFile(entry: DeviceEntry): Promise<void> {
  const what = entry.kind === 'dir' ? `the folder ${entry.path} and everything in it` : entry.path
  if (!window.confirm(`Delete ${what} from the badge? This cannot be undone.`)) return
  const r = await api.device.deleteFile({ path: entry.path, recursive: entry.kind === 'dir' })
  if (!r.ok) return notifyError(new ApiError(r), `Delete ${entry.path}`)
  await listFiles()
}

/** The badge path of `name` in the folder shown. */
export function inCwd(name: string): string {
  return `${device.cwd.replace(/\/$/, '')}/${name}`
}

/** A message when `name` cannot be a new entry of the folder shown (empty, a path, or taken), else null. */
export function deviceNameProblem(name: string, except?: string): string | null {
  if (!name || name === '.' || name === '..' || /[/\\\0]/.test(name)) return 'Enter a name without "/".'
  if (name !== except && device.files.some((f) => f.name === name)) return `${inCwd(name)} already exists on the badge.`
  return null
}

/** What an upload is doing, for the panel (`file` null when idle): bytes of the file on the badge so far. */
export const upload = reactive({ file: null as string | null, path: '', done: 0, total: 0 })

/** Stops the upload in progress: the file being sent is dropped, the badge keeps its old copy. */
export async function cancelUpload(): Promise<void> {
  if (upload.file) await api.device.cancelWrite({})
}

/** Copies files from this computer into the folder shown on the badge (verified writes), then lists it. */
export async function uploadFiles(files: Iterable<File>): Promise<void> {
  let sent = 0
  for (const f of files) {
    const path = inCwd(f.name)
    if (device.files.some((e) => e.name === f.name && e.kind === 'dir')) {
      notify('error', `${path} is a folder on the badge; rename it or the file first.`, 'IS_A_DIRECTORY')
      continue
    }
    if (device.files.some((e) => e.name === f.name) && !window.confirm(`Replace ${path} on the badge?`)) continue
    Object.assign(upload, { file: f.name, path, done: 0, total: f.size })
    const r = await api.device.writeFile({ path, bytes: new Uint8Array(await f.arrayBuffer()) })
    if (!r.ok) {
      if (r.code === 'CANCELLED') notify('info', `Upload of ${f.name} cancelled: ${path} on the badge is as it was.`)
      else notifyError(new ApiError(r), `Upload ${f.name}`)
      break
    }
    sent++
  }
  upload.file = null
  if (sent) notify('info', `Uploaded ${sent} file${sent === 1 ? '' : 's'} to ${device.cwd}`)
  await listFiles()
}

/** Creates a folder in the folder shown on the badge. */
export async function makeDeviceFolder(name: string): Promise<void> {
  const r = await api.device.mkdir({ path: inCwd(name) })
  if (!r.ok) return notifyError(new ApiError(r), `New folder ${name}`)
  await listFiles()
}

/** Renames a badge file or folder within its folder. */
export async function renameDeviceFile(entry: DeviceEntry, name: string): Promise<void> {
  if (name === entry.name) return
  const r = await api.device.rename({ from: entry.path, to: inCwd(name) })
  if (!r.ok) return notifyError(new ApiError(r), `Rename ${entry.path}`)
  await listFiles()
}

/** Soft-resets the badge (a clean MicroPython VM; the connection stays). */
export async function softResetDevice(): Promise<void> {
  const r = await api.device.softReset({})
  if (!r.ok) return notifyError(new ApiError(r), 'Soft reset')
  writeConsole('\n↻ Soft reset: a fresh MicroPython VM on the badge\n', 'ide')
  await listFiles()
}

/**
 * Hard-resets the badge (machine.reset(): a full reboot, so the link drops), then connects to
 * the same port again once it is back (tries for about 15 s).
 */
export async function hardResetDevice(): Promise<void> {
  const port = device.state.port
  if (!port) return
  if (!window.confirm('Hard reset restarts the badge (like pressing its reset button). Any app running on it stops. Continue?')) return
  stopStats()
  writeConsole(`\n⟲ Hard reset of ${port === 'virtual' ? 'the virtual badge' : port}\n`, 'ide')
  await api.device.exec({ code: 'import machine\nmachine.reset()', timeoutMs: 1500 })
  await api.device.disconnect({})
  device.state = { status: 'disconnected' }
  device.lost = null // this loop reconnects, not the port watch
  for (let i = 0; i < 15; i++) {
    await new Promise((r) => setTimeout(r, i === 0 ? 300 : 1000))
    const r = await api.device.connect({ path: port })
    if (!r.ok) continue
    device.state = r.value
    writeConsole('● The badge is back after the reset\n', 'ide')
    await listFiles('/')
    await startStats()
    await api.device.replStart({})
    return
  }
  notify('error', `The badge did not come back on ${port} after the reset. Check the cable and press Connect.`, 'DISCONNECTED')
}

/** Sends REPL input typed in the console (attaching the REPL first if needed). */
export async function sendRepl(data: string): Promise<void> {
  if (!device.state.repl) await api.device.replStart({})
  const r = await api.device.replInput({ data })
  if (!r.ok) notifyError(new ApiError(r), 'REPL')
}

/** Applies a stats update (latest figures and the memory history). */
export function acceptStats(u: StatsUpdate): void {
  device.stats = u.stats
  device.statsHistory = u.history
}

/** Reads stats once and turns polling on (the service polls only while the badge is idle). */
export async function startStats(): Promise<void> {
  const r = await api.stats.read({})
  if (r.ok) acceptStats(r.value)
  else if (r.code !== 'NO_HANDLER') notifyError(new ApiError(r), 'Badge stats')
  await api.stats.setPolling({ enabled: true })
}

/** Turns stats polling off. */
export function stopStats(): void {
  void api.stats.setPolling({ enabled: false })
}

/** Runs gc.collect() on the badge and shows the new figures. */
export async function collectGarbage(): Promise<void> {
  const r = await api.stats.collectGarbage({})
  if (r.ok) acceptStats(r.value)
  else notifyError(new ApiError(r), 'Collect garbage')
}

/** Applies a deploy progress event (bytes drive the bar; the current file is shown). */
export function acceptDeployProgress(p: DeployProgress): void {
  device.deploy.done = p.bytesDone
  device.deploy.total = p.bytesTotal
  device.deploy.file =
    p.phase === 'planning' ? 'Comparing files with the badge…' : p.phase === 'deleting' ? 'Removing old files…' : p.file ? `${p.filesDone + 1}/${p.filesTotal} ${p.file}` : device.deploy.file
}

/** One line saying what a deploy did. */
export function summarizeDeploy(r: DeployResult): string {
  const kb = (n: number): string => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`)
  const time = `${(r.ms / 1000).toFixed(1)} s`
  switch (r.status) {
    case 'up-to-date':
      return `Already up to date (${r.skipped.length} file${r.skipped.length === 1 ? '' : 's'} checked)`
    case 'cancelled':
      return `Cancelled: ${r.sent.length} sent, ${r.notSent.length} not sent`
    case 'failed':
      return `${r.error?.message ?? 'Deploy failed'} (${r.sent.length} sent before the error)`
    case 'done':
      return `Deployed ${r.sent.length} file${r.sent.length === 1 ? '' : 's'} (${kb(r.bytesSent)}), ${r.skipped.length} unchanged${r.deleted.length ? `, ${r.deleted.length} deleted` : ''} in ${time}${r.via === 'disk' ? ' to the BADGER drive (disk mode)' : ''}`
  }
}

/** What Deploy sends: the active tab's app, the whole project, or the active file alone. */
export type DeployScope = 'app' | 'project' | 'file'

/** The Deploy control's choices. */
export const deployChoice = reactive({ scope: 'app' as DeployScope, includeSecrets: false, delete: false })

/** The plan on screen before acting (null when none), with the arguments it was made for. */
export const deployPreview = shallowRef<{ view: DeployPlanView; args: DeployArgs; scope: DeployScope } | null>(null)

/** Arguments of deploy:plan / deploy:start. */
export interface DeployArgs {
  app?: string
  includeSecrets?: boolean
  delete?: boolean
}

/** The app of the active tab (`apps/<slug>/…`), if any. */
export function activeApp(): string | undefined {
  return /^apps\/([a-z][a-z0-9_]*)\//.exec(workspace.active ?? '')?.[1]
}

/** The active tab when it is a project file (not a badge file), for "current file". */
export function activeProjectFile(): string | undefined {
  const p = workspace.active
  return p && !p.startsWith('badge:') ? p : undefined
}

/** The scope actually used: "this app" without an app tab falls back to the whole project. */
export function effectiveScope(): DeployScope {
  if (deployChoice.scope === 'file') return activeProjectFile() ? 'file' : 'project'
  if (deployChoice.scope === 'app') return activeApp() ? 'app' : 'project'
  return 'project'
}

/** The deploy arguments for the current choices. */
export function deployArgs(): DeployArgs {
  const scope = effectiveScope()
  const app = scope === 'project' ? undefined : activeApp()
  return {
    ...(app ? { app } : {}),
    ...(deployChoice.includeSecrets ? { includeSecrets: true } : {}),
    ...(deployChoice.delete && scope !== 'file' ? { delete: true } : {}),
  }
}

/** True when a deploy has somewhere to go: a connected badge or a mounted BADGER drive. */
export function canDeploy(): boolean {
  return isConnected() || device.drives.length > 0
}

/** Looks for mounted BADGER drives (the badge in USB disk mode). */
export async function refreshDrives(): Promise<void> {
  const r = await api.deploy.drive({})
  device.drives = r.ok && r.value ? [r.value] : []
}

/** Computes the plan for the current choices and shows it (nothing is written). */
export async function previewDeploy(): Promise<void> {
  if (!workspace.project) return notify('error', 'No project is open. Open a project folder first.', 'NO_PROJECT')
  await saveAll()
  const args = deployArgs()
  const r = await api.deploy.plan(args)
  if (!r.ok) return notifyError(new ApiError(r), 'Deploy preview')
  deployPreview.value = { view: r.value, args, scope: effectiveScope() }
}

/**
 * Deploy with the current choices. Deleting badge files needs consent, so with "delete" (or when
 * asked) the plan is shown first and the deploy starts from there.
 */
export async function deploy(): Promise<void> {
  if (!workspace.project) return notify('error', 'No project is open. Open a project folder first.', 'NO_PROJECT')
  await refreshDrives()
  if (!canDeploy()) return notify('error', 'No badge is connected. Pick a port and connect first, or put the badge in disk mode.', 'NOT_CONNECTED')
  if (effectiveScope() === 'file') return deployFile()
  if (deployChoice.delete) return previewDeploy()
  return startDeploy(deployArgs())
}

/** Sends the active file alone to where a deploy of its app would put it (verified write). */
export async function deployFile(rel = activeProjectFile()): Promise<void> {
  if (!rel) return
  await saveAll()
  // Saved first: the check reads what is about to be sent.
  if (!(await confirmDeploySyntax((p) => p === rel))) return
  const app = /^apps\/([a-z][a-z0-9_]*)\//.exec(rel)?.[1]
  const plan = await api.deploy.plan({ ...(app ? { app } : {}), includeSecrets: true })
  if (!plan.ok) return notifyError(new ApiError(plan), `Deploy ${rel}`)
  const entry = [...plan.value.plan.send, ...plan.value.plan.skip].find((f) => f.rel === rel)
  if (!entry) return notify('error', `${rel} is not part of a deploy (only apps/, the launcher's files and assets go to the badge).`, 'NOT_FOUND')
  if (plan.value.via === 'disk') {
    // The window cannot write to the drive by itself: a deploy of the file's app copies it, and
    // only what else of that app changed.
    writeConsole(`\n● Disk mode: ${rel} goes with ${app ? `the app ${app}` : 'the project'} (only changed files are copied)\n`, 'ide')
    return startDeploy({ ...(app ? { app } : {}), ...(deployChoice.includeSecrets || rel === 'secrets.py' ? { includeSecrets: true } : {}) })
  }
  const f = await api.project.readFile({ path: rel })
  if (!f.ok) return notifyError(new ApiError(f), `Deploy ${rel}`)
  device.deploy = { running: true, done: 0, total: f.value.size, file: rel, summary: null, failed: false }
  const w = await api.device.writeFile(f.value.binary ? { path: entry.device, bytes: f.value.bytes ?? new Uint8Array() } : { path: entry.device, text: f.value.text ?? '' })
  device.deploy.running = false
  device.deploy.failed = !w.ok
  device.deploy.summary = w.ok ? `Sent ${rel} to ${entry.device} (${w.value.bytes} bytes, verified by ${w.value.verifiedBy})` : w.message
  if (!w.ok) notifyError(new ApiError(w), `Deploy ${rel}`)
  else writeConsole(`\n✔ ${device.deploy.summary}\n`, 'ide')
}

/** Runs a deploy with `args`, showing progress and the summary. */
export async function startDeploy(args: DeployArgs): Promise<void> {
  deployPreview.value = null
  await saveAll()
  const app = args.app
  if (!(await confirmDeploySyntax(app ? (p) => p.startsWith(`apps/${app}/`) : () => true))) return
  device.deploy = { running: true, done: 0, total: 0, file: 'Comparing files with the badge…', summary: null, failed: false }
  device.cancelling = false
  const r = await api.deploy.start(args)
  device.deploy.running = false
  device.deploy.done = device.deploy.total
  device.cancelling = false
  if (r.ok) {
    device.deploy.failed = r.value.status === 'failed'
    device.deploy.summary = summarizeDeploy(r.value)
    if (device.deploy.failed) notify('error', device.deploy.summary, r.value.error?.code)
    else writeConsole(`\n${r.value.status === 'cancelled' ? '■' : '✔'} ${device.deploy.summary}\n`, 'ide')
    await listFiles()
  } else {
    device.deploy.failed = true
    device.deploy.summary = r.message
    notifyError(new ApiError(r), 'Deploy')
  }
}

/** Asks the running deploy to stop after the current file; the summary then says "Cancelled". */
export async function cancelDeploy(): Promise<void> {
  if (!device.deploy.running || device.cancelling) return
  device.cancelling = true
  device.deploy.file = 'Cancelling after the current file…'
  const r = await api.deploy.cancel({})
  if (!r.ok) {
    device.cancelling = false
    notifyError(new ApiError(r), 'Cancel deploy')
  }
}

/**
 * Saves all tabs, deploys what changed in `app` and starts it on the badge like the launcher does.
 * Output streams to the console as `device:output`; the end arrives as `deploy:runState`.
 */
export async function runOnBadge(app: string | undefined): Promise<void> {
  if (!workspace.project) return notify('error', 'No project is open. Open a project folder first.', 'NO_PROJECT')
  if (!isConnected()) return notify('error', 'Connect a badge first: pick its port in the Badge panel and press Connect (or switch Run to Emulator).', 'NOT_CONNECTED')
  if (!app) return notify('error', 'Open a file of an app (apps/<name>/…) to run it on the badge.', 'APP_NOT_FOUND')
  await saveAll()
  consoleState.marks = {}
  consoleState.lastError = null
  announceRun(`Running ${app} on the badge (deploying changes first)`, 'repl')
  device.run = { status: 'deploying', app }
  // The deploy before the start shows in the Deploy control like any deploy (progress, Cancel).
  device.deploy = { running: true, done: 0, total: 0, file: 'Comparing files with the badge…', summary: null, failed: false }
  device.cancelling = false
  const r = await api.deploy.run({ app })
  device.deploy.running = false
  device.cancelling = false
  // The events normally got here first; the answer only matters if they did not.
  if (r.ok) {
    if (device.run?.status === 'deploying') acceptRunState(r.value)
  } else {
    if (device.run?.status === 'deploying') device.run = { status: 'error', app, exception: r.message }
    notifyError(new ApiError(r), 'Run on the badge')
  }
}

/** Stops the app running on the badge (Ctrl-C); resolves at a usable prompt. */
export async function stopOnBadge(): Promise<void> {
  const r = await api.deploy.stop({})
  if (!r.ok) return notifyError(new ApiError(r), 'Stop')
  if (isBadgeRunning() && device.run) device.run = { ...device.run, status: 'stopped' }
}

/** The end of the deploy that Run on the badge started: its summary in the Deploy control. */
export function acceptDeployResult(r: DeployResult): void {
  if (device.run?.status !== 'deploying' || !device.deploy.running) return
  device.deploy.running = false
  device.deploy.failed = r.status === 'failed'
  device.deploy.summary = summarizeDeploy(r)
}

/** Applies a run state: notes the end in the console and marks a traceback's line in the editor. */
export function acceptRunState(s: RunState): void {
  const before = device.run
  device.run = s
  if (before?.status === s.status && before.app === s.app) return
  if (s.status === 'finished') writeConsole(`\n■ ${s.app} finished on the badge\n`, 'ide')
  else if (s.status === 'stopped') writeConsole(`\n■ ${s.app} stopped\n`, 'ide')
  else if (s.status === 'error') {
    const at = markFrames(s.frames ?? [])
    if (at) void openFile(at.path, at.line)
    else if (!s.traceback && s.exception) writeConsole(`\n${s.exception}\n`, 'stderr')
  }
}

/** Subscribes to device, deploy and stats events; call once at startup. */
export function connectDevice(): () => void {
  const offs = [
    api.on('device:state', (s) => {
      const was = isConnected()
      device.state = s
      if (was && !isConnected()) {
        stopStats()
        if (s.error) notify('error', s.error.message, s.error.code)
        // A lost link (not a disconnect the user asked for) comes back on its own when the badge does.
        if (s.error && s.port && s.port !== 'virtual') {
          const serialNumber = device.ports.find((p) => p.path === s.port)?.serialNumber
          device.lost = { path: s.port, attempts: 0, ...(serialNumber ? { serialNumber } : {}) }
          writeConsole(`\n● Lost the badge on ${s.port}: it connects again when it is back\n`, 'ide')
        }
      }
    }),
    api.on('device:output', ({ data, stream }) => writeConsole(data, stream, 'repl')),
    api.on('deploy:progress', acceptDeployProgress),
    api.on('deploy:result', acceptDeployResult),
    api.on('deploy:runState', acceptRunState),
    api.on('stats:update', acceptStats),
    api.on('device:virtualShare', ({ path }) => void (device.shared = path)),
    api.on('device:progress', ({ path, done, total }) => {
      if (path === upload.path) Object.assign(upload, { done, total })
    }),
  ]
  const portWatch = setInterval(() => void pollPorts(), PORT_POLL_MS)
  offs.push(() => clearInterval(portWatch))
  return () => offs.forEach((off) => off())
}
