import { afterEach, describe, expect, it, vi } from 'vitest'
import { FRAME_INTERVAL_MS, frameThrottle, virtualFrameEvents } from '../../../src/main/handlers/services'

type Sent = { channel: string; payload: unknown }

describe('virtual badge frames', () => {
  afterEach(() => vi.useRealTimers())

  it('go out as device:virtualFrame with the frames per second of their own numbers', () => {
    let t = 0
    const sent: Sent[] = []
    const onFrame = virtualFrameEvents((channel, payload) => sent.push({ channel, payload }), () => t)
    for (let f = 1; f <= 31; f++) {
      t = f * 20 // 50 frames per second
      onFrame(new Uint8Array(160 * 120 * 4), f)
    }
    t = 1040
    onFrame(new Uint8Array(160 * 120 * 4), 52)
    const last = sent.at(-1)!
    expect(last.channel).toBe('device:virtualFrame')
    expect(last.payload).toMatchObject({ width: 160, height: 120, frame: 52, fps: 50 })
    // A new app counts from frame 0 again: measured afresh, not a negative rate.
    t = 1100
    onFrame(new Uint8Array(160 * 120 * 4), 1)
    t = 2100
    onFrame(new Uint8Array(160 * 120 * 4), 31)
    expect((sent.at(-1)!.payload as { fps: number }).fps).toBe(30)
  })

  it('are throttled on their own channel, and a repeated frame goes again after a reset event', () => {
    vi.useFakeTimers()
    const sent: Sent[] = []
    const t = frameThrottle((channel, payload) => sent.push({ channel, payload }), { frame: 'device:virtualFrame', resetOn: ['deploy:runState'] })
    const same = new Uint8Array([1, 2, 3, 4])
    t.emit('device:virtualFrame', { rgba: same })
    vi.advanceTimersByTime(FRAME_INTERVAL_MS)
    t.emit('device:virtualFrame', { rgba: new Uint8Array(same) })
    vi.advanceTimersByTime(FRAME_INTERVAL_MS)
    expect(sent.filter((s) => s.channel === 'device:virtualFrame')).toHaveLength(1)
    // emulator:frame is not this throttle's channel: it passes untouched.
    t.emit('emulator:frame', { rgba: same })
    expect(sent.at(-1)!.channel).toBe('emulator:frame')
    t.emit('deploy:runState', { status: 'running' })
    t.emit('device:virtualFrame', { rgba: new Uint8Array(same) })
    vi.advanceTimersByTime(FRAME_INTERVAL_MS)
    expect(sent.filter((s) => s.channel === 'device:virtualFrame')).toHaveLength(2)
    t.dispose()
  })
})
