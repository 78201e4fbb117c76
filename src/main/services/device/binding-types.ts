/**
 * The serialport binding contract (`@serialport/bindings-interface`), declared here because that
 * package's export map hides its type declarations from TypeScript's bundler resolution. Structurally
 * identical, so the native binding, `@serialport/binding-mock`, the virtual badge and test relays all fit.
 */

/** Options for opening a port. */
export interface BindingOpenOptions {
  path: string
  baudRate: number
  dataBits?: 5 | 6 | 7 | 8
  lock?: boolean
  stopBits?: 1 | 1.5 | 2
  parity?: string
  rtscts?: boolean
  xon?: boolean
  xoff?: boolean
  xany?: boolean
  hupcl?: boolean
}

/** Modem control lines to set. */
export interface BindingSetOptions {
  brk?: boolean
  cts?: boolean
  dsr?: boolean
  dtr?: boolean
  rts?: boolean
}

/** A listed port. */
export interface BindingPortInfo {
  path: string
  manufacturer: string | undefined
  serialNumber: string | undefined
  pnpId: string | undefined
  locationId: string | undefined
  productId: string | undefined
  vendorId: string | undefined
}

/** An open port. Reads reject with `canceled: true` when closed; any other read error is a disconnect. */
export interface BindingPortInterface {
  readonly openOptions: Required<BindingOpenOptions>
  isOpen: boolean
  close(): Promise<void>
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>
  write(buffer: Buffer): Promise<void>
  update(options: { baudRate: number }): Promise<void>
  set(options: BindingSetOptions): Promise<void>
  get(): Promise<{ cts: boolean; dsr: boolean; dcd: boolean }>
  getBaudRate(): Promise<{ baudRate: number }>
  flush(): Promise<void>
  drain(): Promise<void>
}

/** A binding: lists and opens ports. */
export interface BindingInterface {
  list(): Promise<BindingPortInfo[]>
  open(options: BindingOpenOptions): Promise<BindingPortInterface>
}
