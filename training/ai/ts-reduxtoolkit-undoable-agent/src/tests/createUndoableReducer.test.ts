import type { PayloadAction } from '@reduxjs/toolkit'
import { configureStore, createSlice } from '@reduxjs/toolkit'
import { createUndoableReducer } from '../createUndoableReducer'

interface CounterState {
  value: number
  hovered: boolean
}

const counterSlice = createSlice({
  name: 'counter',
  initialState: { value: 0, hovered: false } as CounterState,
  reducers: {
    increment(state) {
      state.value++
    },
    add(state, action: PayloadAction<number>) {
      state.value += action.payload
    },
    hover(state, action: PayloadAction<boolean>) {
      state.hovered = action.payload
    },
  },
})

const { increment, add, hover } = counterSlice.actions

describe('createUndoableReducer', () => {
  const setup = (options?: Parameters<typeof createUndoableReducer>[1]) => {
    const undoable = createUndoableReducer(counterSlice.reducer, options)
    const store = configureStore({ reducer: undoable.reducer })
    return { ...undoable, store }
  }

  it('computes the initial state from the wrapped reducer', () => {
    const { store } = setup()
    expect(store.getState()).toEqual({
      past: [],
      present: { value: 0, hovered: false },
      future: [],
    })
  })

  it('throws if no reducer is passed', () => {
    expect(() => createUndoableReducer(undefined as any)).toThrow(
      '`reducer` is a required argument, and must be a function'
    )
  })

  it('throws if limit is negative', () => {
    expect(() =>
      createUndoableReducer(counterSlice.reducer, { limit: -1 })
    ).toThrow('`limit` must be a non-negative number')
  })

  it('prefixes action types with the name', () => {
    const { actions } = setup({ name: 'counter' })
    expect(actions.undo.type).toBe('counter/undo')
    expect(actions.redo.type).toBe('counter/redo')
    expect(actions.jump(2)).toEqual({ type: 'counter/jump', payload: 2 })
    expect(actions.clearHistory.type).toBe('counter/clearHistory')
  })

  it('records history and undoes and redoes', () => {
    const { store, actions, selectors } = setup()
    store.dispatch(increment())
    store.dispatch(add(5))
    expect(selectors.selectPresent(store.getState()).value).toBe(6)

    store.dispatch(actions.undo())
    expect(selectors.selectPresent(store.getState()).value).toBe(1)
    expect(selectors.selectCanRedo(store.getState())).toBe(true)

    store.dispatch(actions.undo())
    expect(selectors.selectPresent(store.getState()).value).toBe(0)
    expect(selectors.selectCanUndo(store.getState())).toBe(false)

    store.dispatch(actions.redo())
    store.dispatch(actions.redo())
    expect(selectors.selectPresent(store.getState()).value).toBe(6)
    expect(selectors.selectCanRedo(store.getState())).toBe(false)
  })

  it('returns the same state when there is nothing to undo or redo', () => {
    const { store, actions } = setup()
    const before = store.getState()
    store.dispatch(actions.undo())
    store.dispatch(actions.redo())
    expect(store.getState()).toBe(before)
  })

  it('clears the future after a new action', () => {
    const { store, actions } = setup()
    store.dispatch(add(1))
    store.dispatch(add(2))
    store.dispatch(actions.undo())
    store.dispatch(add(10))
    expect(store.getState().future).toEqual([])
    expect(store.getState().present.value).toBe(11)
  })

  it('ignores actions that do not change the state', () => {
    const { store } = setup()
    const before = store.getState()
    store.dispatch({ type: 'unrelated' })
    expect(store.getState()).toBe(before)
  })

  it('jumps several steps in both directions', () => {
    const { store, actions } = setup()
    for (let i = 0; i < 5; i++) store.dispatch(increment())

    store.dispatch(actions.jump(-3))
    expect(store.getState().present.value).toBe(2)
    expect(store.getState().past.map((s) => s.value)).toEqual([0, 1])
    expect(store.getState().future.map((s) => s.value)).toEqual([3, 4, 5])

    store.dispatch(actions.jump(2))
    expect(store.getState().present.value).toBe(4)

    store.dispatch(actions.jump(-100))
    expect(store.getState().present.value).toBe(0)

    store.dispatch(actions.jump(100))
    expect(store.getState().present.value).toBe(5)
  })

  it('drops the oldest entries beyond the limit', () => {
    const { store, actions } = setup({ limit: 2 })
    for (let i = 0; i < 4; i++) store.dispatch(increment())
    expect(store.getState().past.map((s) => s.value)).toEqual([2, 3])

    store.dispatch(actions.jump(-10))
    expect(store.getState().present.value).toBe(2)
  })

  it('does not record filtered actions', () => {
    const { store, actions } = setup({
      filter: (action) => !hover.match(action),
    })
    store.dispatch(increment())
    store.dispatch(hover(true))
    expect(store.getState().present).toEqual({ value: 1, hovered: true })
    expect(store.getState().past).toHaveLength(1)

    store.dispatch(actions.undo())
    expect(store.getState().present).toEqual({ value: 0, hovered: false })
  })

  it('clears the history but keeps the present', () => {
    const { store, actions, selectors } = setup()
    store.dispatch(add(3))
    store.dispatch(add(3))
    store.dispatch(actions.undo())
    store.dispatch(actions.clearHistory())
    expect(store.getState()).toEqual({
      past: [],
      present: { value: 3, hovered: false },
      future: [],
    })
    expect(selectors.selectCanUndo(store.getState())).toBe(false)
  })
})
