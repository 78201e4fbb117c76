import { beforeEach, describe, expect, it } from 'vitest'
import { clearPlot, feedPlot, plotColumns, plotter, PLOT_ROWS } from '../../src/renderer/src/stores/plotter'

describe('plotter store', () => {
  beforeEach(() => clearPlot())

  it('turns printed numeric lines into samples, whatever the chunking, and leaves other text out', () => {
    const v0 = plotter.version
    feedPlot('1, 10\nhello\n2, ', 'output')
    feedPlot('20\r\n3, 30\n', 'output')
    expect(plotter.count).toBe(3)
    expect(plotColumns()).toEqual([[0, 1, 2], [1, 2, 3], [10, 20, 30]])
    expect(plotter.names).toEqual(['value 1', 'value 2'])
    expect(plotter.version).toBeGreaterThan(v0)
  })

  it('names the series from a header line (for lines with as many values) and from name:value pairs', () => {
    feedPlot('temp, light\n21, 300\n1, 2, 3\n', 'output')
    expect(plotter.names).toEqual(['temp', 'light', 'value 3'])
    feedPlot('a:1 b:2\n', 'output')
    expect(plotter.names).toEqual(['a', 'b', 'value 3'])
  })

  it('takes words separated by spaces as the header only before the first sample', () => {
    feedPlot('sin cos\n0.5 0.8\n', 'output')
    expect(plotter.names).toEqual(['sin', 'cos'])
    feedPlot('game over\n1 2\n', 'output')
    expect(plotter.names).toEqual(['sin', 'cos'])
    clearPlot()
    feedPlot('game over\n', 'output')
    feedPlot('1 2\n', 'output')
    expect(plotter.names).toEqual(['game', 'over'])
  })

  it('a series that starts later has gaps before it; a shorter line leaves gaps', () => {
    feedPlot('1\n2, 20\n3\n', 'output')
    expect(plotColumns()).toEqual([[0, 1, 2], [1, 2, 3], [null, 20, null]])
  })

  it('keeps two channels apart (a partial line of one does not join the other)', () => {
    feedPlot('1', 'output')
    feedPlot('2\n', 'repl')
    feedPlot('5\n', 'output')
    expect(plotColumns()[1]).toEqual([2, 15])
  })

  it(`keeps the last ${PLOT_ROWS} samples, counting on`, () => {
    for (const n of [PLOT_ROWS + 5, 3 * PLOT_ROWS + 7]) {
      clearPlot()
      feedPlot(Array.from({ length: n }, (_, i) => `${i}\n`).join(''), 'output')
      const [xs, ys] = plotColumns()
      expect(xs).toHaveLength(PLOT_ROWS)
      expect(xs[0]).toBe(n - PLOT_ROWS)
      expect(ys).toHaveLength(PLOT_ROWS)
      expect(ys![PLOT_ROWS - 1]).toBe(n - 1)
      expect(plotter.count).toBe(n)
    }
  })

  it('clear forgets samples, names, the header and partial lines', () => {
    feedPlot('x, y\n1, 2\n3', 'output')
    clearPlot()
    expect(plotColumns()).toEqual([[]])
    expect(plotter.names).toEqual([])
    feedPlot('4, 5\n', 'output')
    expect(plotter.names).toEqual(['value 1', 'value 2'])
    expect(plotColumns()).toEqual([[0], [4], [5]])
  })
})
