/** IPC handlers of the deploy domain, over a {@link DeployService}. */
import type { PartialHandlers } from '../../ipc/router'
import type { DeployService } from './deploy-service'

/** Handlers for every `deploy:*` operation. */
export function deployHandlers(service: DeployService): PartialHandlers {
  return {
    'deploy:plan': (a) => service.plan(a),
    'deploy:start': (a) => service.deploy(a),
    'deploy:cancel': () => service.cancel(),
    'deploy:run': (a) => service.runApp(a.app),
    'deploy:stop': () => service.stop(),
    // The route deploy itself would take, so the window offers exactly what Deploy will do.
    'deploy:drive': async () => {
      try {
        return (await service.target()).mount ?? null
      } catch {
        return null
      }
    },
  }
}
