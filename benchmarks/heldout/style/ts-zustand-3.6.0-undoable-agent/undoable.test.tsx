import { fireEvent, render } from '@testing-library/react'
import create from 'zustand'
import { UndoableOptions, undoable } from 'zustand/middleware'

type CounterState = {
  count: number
  text: string
  inc: () => void
  undo: () => void
  redo: () => void
}

const createCounterStore = (options?: UndoableOptions<CounterState>) =>
  create(
    undoable<CounterState>(
      (set, get, api) => ({
        count: 0,
        text: 'a',
        inc: () => set({ count: get().count + 1 }),
        undo: () => api.undo(),
        redo: () => api.redo(),
      }),
      options
    )
  )

describe('undoable middleware', () => {
  it('can undo and redo changes', () => {
    const useStore = createCounterStore()
    const { inc, undo, redo } = useStore.getState()

    inc()
    inc()
    expect(useStore.getState().count).toBe(2)

    undo()
    expect(useStore.getState().count).toBe(1)
    undo()
    expect(useStore.getState().count).toBe(0)
    undo()
    expect(useStore.getState().count).toBe(0)

    redo()
    redo()
    expect(useStore.getState().count).toBe(2)
    redo()
    expect(useStore.getState().count).toBe(2)
  })

  it('records changes made with setState', () => {
    const useStore = createCounterStore()

    useStore.setState({ count: 5 })
    useStore.setState((state) => ({ count: state.count * 2 }))
    expect(useStore.getState().count).toBe(10)

    useStore.undo()
    expect(useStore.getState().count).toBe(5)
    useStore.undo()
    expect(useStore.getState().count).toBe(0)
  })

  it('can undo and redo several steps at once', () => {
    const useStore = createCounterStore()

    useStore.setState({ count: 1 })
    useStore.setState({ count: 2 })
    useStore.setState({ count: 3 })

    useStore.undo(2)
    expect(useStore.getState().count).toBe(1)
    useStore.redo(5)
    expect(useStore.getState().count).toBe(3)
    expect(useStore.getHistory().future).toHaveLength(0)
  })

  it('clears the future when a new change is made', () => {
    const useStore = createCounterStore()

    useStore.setState({ count: 1 })
    useStore.setState({ count: 2 })
    useStore.undo()
    useStore.setState({ text: 'b' })

    expect(useStore.getHistory().future).toHaveLength(0)
    useStore.redo()
    expect(useStore.getState()).toMatchObject({ count: 1, text: 'b' })
  })

  it('does not record changes that keep the state equal', () => {
    const useStore = createCounterStore()

    useStore.setState({ count: 0 })
    useStore.setState({ text: 'a' })
    expect(useStore.getHistory().past).toHaveLength(0)
  })

  it('keeps at most `limit` past states', () => {
    const useStore = createCounterStore({ limit: 2 })

    useStore.setState({ count: 1 })
    useStore.setState({ count: 2 })
    useStore.setState({ count: 3 })
    expect(useStore.getHistory().past).toHaveLength(2)

    useStore.undo(10)
    expect(useStore.getState().count).toBe(1)
  })

  it('only restores the partialized state', () => {
    const useStore = createCounterStore({
      partialize: (state) => ({ count: state.count }),
    })

    useStore.setState({ count: 1 })
    useStore.setState({ text: 'b' })
    expect(useStore.getHistory().past).toEqual([{ count: 0 }])

    useStore.undo()
    expect(useStore.getState()).toMatchObject({ count: 0, text: 'b' })
    useStore.redo()
    expect(useStore.getState()).toMatchObject({ count: 1, text: 'b' })
  })

  it('can use a custom equality function', () => {
    const useStore = createCounterStore({
      equalityFn: (a, b) => a.count === b.count,
    })

    useStore.setState({ text: 'b' })
    useStore.setState({ count: 1 })
    expect(useStore.getHistory().past).toHaveLength(1)

    // the skipped change is part of the recorded state
    useStore.undo()
    expect(useStore.getState()).toMatchObject({ count: 0, text: 'b' })
  })

  it('can clear the history', () => {
    const useStore = createCounterStore()

    useStore.setState({ count: 1 })
    useStore.setState({ count: 2 })
    useStore.undo()
    useStore.clearHistory()

    expect(useStore.getHistory()).toEqual({ past: [], future: [] })
    useStore.undo()
    expect(useStore.getState().count).toBe(1)
  })

  it('rerenders components on undo and redo', async () => {
    const useStore = createCounterStore()

    function Counter() {
      const { count, inc, undo, redo } = useStore()
      return (
        <>
          <div>count: {count}</div>
          <button onClick={inc}>inc</button>
          <button onClick={undo}>undo</button>
          <button onClick={redo}>redo</button>
        </>
      )
    }

    const { getByText, findByText } = render(<Counter />)

    fireEvent.click(getByText('inc'))
    fireEvent.click(getByText('inc'))
    await findByText('count: 2')

    fireEvent.click(getByText('undo'))
    await findByText('count: 1')

    fireEvent.click(getByText('redo'))
    await findByText('count: 2')
  })
})
