/**
 * What a store test's fake of `src/renderer/src/api` shares besides its `api` object: the error
 * class and `call`, which unwraps a result or throws, as the real module does.
 * Use inside `vi.mock(…, async () => ({ ...(await import('./fake-api')).apiModule, api }))`.
 */
class ApiError extends Error {}

export const apiModule = {
  ApiError,
  call: async (p: Promise<{ ok: boolean; value?: unknown; message?: string }>): Promise<unknown> => {
    const r = await p
    if (!r.ok) throw new ApiError(r.message)
    return r.value
  },
}
