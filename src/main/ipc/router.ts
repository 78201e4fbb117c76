/**
 * Main-process side of the contract, free of Electron: validates arguments, calls the handler and
 * turns every outcome into a {@link Result}. The Electron shell and the test bridge both use it.
 */
import { OPS, OP_CHANNELS, type OpChannel, type Ops } from '../../shared/ipc/contract'
import type { ArgsOf, ResultOf } from '../../shared/ipc/define'
import { fail, ok, toFail, type Result } from '../../shared/ipc/result'

/** A handler receives validated arguments and returns the value (or throws a CodedError). */
export type Handler<C extends OpChannel> = (args: ArgsOf<Ops[C]>) => Promise<ResultOf<Ops[C]>> | ResultOf<Ops[C]>

/** Handlers for operations; the composition root must provide all of them. */
export type Handlers = { [C in OpChannel]: Handler<C> }
/** Handlers provided by one service (a subset). */
export type PartialHandlers = { [C in OpChannel]?: Handler<C> }

/** Channels of the contract that have no handler in `handlers`. */
export function missingHandlers(handlers: PartialHandlers): OpChannel[] {
  return OP_CHANNELS.filter((c) => typeof handlers[c] !== 'function')
}

/** Dispatches one request. Never throws: bad channels, bad arguments and errors become `Fail`. */
export function createRouter(handlers: PartialHandlers) {
  return async function dispatch(channel: string, rawArgs: unknown): Promise<Result<unknown>> {
    if (!Object.prototype.hasOwnProperty.call(OPS, channel)) return fail('NO_HANDLER', channel)
    const c = channel as OpChannel
    const handler = handlers[c] as ((a: unknown) => unknown) | undefined
    if (!handler) return fail('NO_HANDLER', channel)
    const parsed = OPS[c].args.safeParse(rawArgs ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return fail('BAD_ARGS', issue ? `${issue.path.join('.') || 'args'}: ${issue.message}` : channel)
    }
    try {
      return ok(await handler(parsed.data))
    } catch (e) {
      return toFail(e)
    }
  }
}

/** The dispatch function returned by {@link createRouter}. */
export type Dispatch = ReturnType<typeof createRouter>
