import type { AnyAction, Reducer } from 'redux'
import type {
  ActionCreatorWithoutPayload,
  ActionCreatorWithPayload,
} from './createAction'
import { createAction } from './createAction'

/**
 * The state shape produced by `createUndoableReducer()`.
 *
 * @public
 */
export interface UndoableState<S> {
  past: S[]
  present: S
  future: S[]
}

/**
 * Options for `createUndoableReducer()`.
 *
 * @public
 */
export interface UndoableOptions {
  /**
   * Used as the prefix of the generated action types, e.g. `todos/undo`.
   * Defaults to `undoable`.
   */
  name?: string
  /**
   * The maximum number of past states to keep. Older entries are dropped.
   * Defaults to `Infinity`.
   */
  limit?: number
  /**
   * Return `false` for actions whose result should replace the present state
   * without being recorded in the history (e.g. UI-only updates).
   */
  filter?: (action: AnyAction) => boolean
}

/**
 * The action creators returned by `createUndoableReducer()`.
 *
 * @public
 */
export interface UndoableActions {
  undo: ActionCreatorWithoutPayload
  redo: ActionCreatorWithoutPayload
  /**
   * Move by `n` steps through the history: negative values go back,
   * positive values go forward.
   */
  jump: ActionCreatorWithPayload<number>
  clearHistory: ActionCreatorWithoutPayload
}

/**
 * Selectors for the state shape produced by `createUndoableReducer()`.
 *
 * @public
 */
export interface UndoableSelectors<S> {
  selectPresent: (state: UndoableState<S>) => S
  selectCanUndo: (state: UndoableState<S>) => boolean
  selectCanRedo: (state: UndoableState<S>) => boolean
}

/**
 * The return value of `createUndoableReducer()`.
 *
 * @public
 */
export interface Undoable<S> {
  reducer: Reducer<UndoableState<S>>
  actions: UndoableActions
  selectors: UndoableSelectors<S>
}

function jumpBy<S>(state: UndoableState<S>, n: number): UndoableState<S> {
  if (n < 0) {
    const steps = Math.min(-n, state.past.length)
    if (steps === 0) return state
    const index = state.past.length - steps
    return {
      past: state.past.slice(0, index),
      present: state.past[index],
      future: [...state.past.slice(index + 1), state.present, ...state.future],
    }
  }
  if (n > 0) {
    const steps = Math.min(n, state.future.length)
    if (steps === 0) return state
    return {
      past: [...state.past, state.present, ...state.future.slice(0, steps - 1)],
      present: state.future[steps - 1],
      future: state.future.slice(steps),
    }
  }
  return state
}

/**
 * Wraps a reducer so that its state can be undone and redone.
 *
 * The wrapped reducer receives every action that is not one of the generated
 * history actions. Whenever it returns a new state, the previous one is pushed
 * onto `past` and `future` is cleared.
 *
 * @example
 * ```ts
 * const { reducer, actions } = createUndoableReducer(todosSlice.reducer, {
 *   name: 'todos',
 *   limit: 50,
 * })
 * store.dispatch(actions.undo())
 * ```
 *
 * @param reducer The reducer to wrap. It must handle an `undefined` state,
 *   which is used to compute the initial state.
 * @param options
 *
 * @public
 */
export function createUndoableReducer<S>(
  reducer: Reducer<S>,
  options: UndoableOptions = {}
): Undoable<S> {
  const { name = 'undoable', limit = Infinity, filter } = options

  if (typeof reducer !== 'function') {
    throw new Error('`reducer` is a required argument, and must be a function')
  }
  if (!(limit >= 0)) {
    throw new Error('`limit` must be a non-negative number')
  }

  const actions: UndoableActions = {
    undo: createAction(`${name}/undo`),
    redo: createAction(`${name}/redo`),
    jump: createAction<number>(`${name}/jump`),
    clearHistory: createAction(`${name}/clearHistory`),
  }

  const initialState: UndoableState<S> = {
    past: [],
    present: reducer(undefined, { type: `${name}/@@init` }),
    future: [],
  }

  function undoableReducer(
    state: UndoableState<S> = initialState,
    action: AnyAction
  ): UndoableState<S> {
    if (actions.undo.match(action)) {
      return jumpBy(state, -1)
    }
    if (actions.redo.match(action)) {
      return jumpBy(state, 1)
    }
    if (actions.jump.match(action)) {
      return jumpBy(state, action.payload)
    }
    if (actions.clearHistory.match(action)) {
      return { past: [], present: state.present, future: [] }
    }

    const present = reducer(state.present, action)
    if (present === state.present) {
      return state
    }
    if (filter && !filter(action)) {
      return { ...state, present }
    }

    const past = [...state.past, state.present]
    if (past.length > limit) {
      past.splice(0, past.length - limit)
    }
    return { past, present, future: [] }
  }

  const selectors: UndoableSelectors<S> = {
    selectPresent: (state) => state.present,
    selectCanUndo: (state) => state.past.length > 0,
    selectCanRedo: (state) => state.future.length > 0,
  }

  return { reducer: undoableReducer, actions, selectors }
}
