import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const alias = {
  '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)),
  '@renderer': fileURLToPath(new URL('./src/renderer/src', import.meta.url)),
}

// Three projects, run one after another by `npm test` (qemu first, on a quiet machine): `node` (unit, services, emulator),
// `qemu` (the real MicroPython firmware under QEMU: its UART has no flow control and drops bytes
// when the CPU is starved, so these files run alone and one at a time) and `e2e` (the built
// renderer in Debian Chromium through playwright-core, one file at a time).
const QEMU_TESTS = [
  'test/cli/deploy.test.ts',
  'test/cli/device.test.ts',
  'test/main/services/stats/stats-qemu.test.ts',
  'test/main/services/deploy/run-qemu.test.ts',
  'test/main/services/deploy/deploy-qemu.test.ts',
  'test/main/services/device/faults.test.ts',
  'test/main/services/device/qemu-device.test.ts',
]

// Node 20 unregisters a worker's isolate from the platform before disposing it; a background
// TurboFan job that allocates in between aborts the whole fork (node_platform.cc ForIsolate
// assertion; once in CI, a test file lost mid-run). The node and e2e files end hundreds of
// emulator workers; compiling on each isolate's own thread leaves no such job. Cost measured:
// the node project's run time is unchanged (123 s vs 124 s). Not in the product: there it
// slows the emulator by about a fifth (bench: empty update 11029 → 8714 frames per CPU second).
const workerSafeArgv = ['--no-concurrent-recompilation']

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/helpers/build-cli-setup.ts'],
          exclude: QEMU_TESTS,
          environment: 'node',
          execArgv: workerSafeArgv,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'qemu',
          include: QEMU_TESTS,
          globalSetup: ['test/helpers/build-cli-setup.ts'],
          environment: 'node',
          // QEMU's emulated micro:bit UART has no flow control and now and then loses a byte even
          // on an idle machine; a failed test is tried again (twice at most) before it counts.
          retry: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.ts'],
          environment: 'node',
          // The services behind the window run here too, emulator workers included.
          execArgv: workerSafeArgv,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
