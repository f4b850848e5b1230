import shallow from './shallow'
import {
  EqualityChecker,
  GetState,
  SetState,
  State,
  StateCreator,
  StoreApi,
} from './vanilla'

export type UndoableOptions<S> = {
  /**
   * Maximum number of past states to keep.
   * The oldest states are dropped when the limit is reached.
   *
   * @default Infinity
   */
  limit?: number
  /**
   * Only track part of the state.
   * Undo and redo will only restore the returned keys, the rest of the state is left untouched.
   *
   * @params state The state's value
   */
  partialize?: (state: S) => Partial<S>
  /**
   * Skip recording a change when the tracked states are considered equal.
   *
   * @default shallow
   */
  equalityFn?: EqualityChecker<Partial<S>>
}

export type UndoableStoreApi<S extends State> = StoreApi<S> & {
  undo: (steps?: number) => void
  redo: (steps?: number) => void
  clearHistory: () => void
  getHistory: () => { past: Partial<S>[]; future: Partial<S>[] }
}

export const undoable =
  <S extends State>(
    config: StateCreator<S, SetState<S>, GetState<S>, UndoableStoreApi<S>>,
    options?: UndoableOptions<S>
  ) =>
  (set: SetState<S>, get: GetState<S>, api: UndoableStoreApi<S>): S => {
    const { limit = Infinity, partialize, equalityFn = shallow } = options || {}

    let past: Partial<S>[] = []
    let future: Partial<S>[] = []

    const track = (state: S): Partial<S> =>
      partialize ? partialize(state) : state

    // a full snapshot replaces the state, a partial one is merged into it
    const restore = (snapshot: Partial<S>) => set(snapshot as S, !partialize)

    const record = (previousState: S) => {
      const previous = track(previousState)
      if (equalityFn(previous, track(get()))) {
        return
      }
      past.push(previous)
      if (past.length > limit) {
        past = past.slice(past.length - limit)
      }
      future = []
    }

    const trackedSet: SetState<S> = (...args) => {
      const previousState = get()
      set(...args)
      record(previousState)
    }

    const savedSetState = api.setState

    api.setState = (...args) => {
      const previousState = get()
      savedSetState(...args)
      record(previousState)
    }

    api.undo = (steps = 1) => {
      for (let i = 0; i < steps && past.length; i++) {
        future.unshift(track(get()))
        restore(past.pop() as Partial<S>)
      }
    }

    api.redo = (steps = 1) => {
      for (let i = 0; i < steps && future.length; i++) {
        past.push(track(get()))
        restore(future.shift() as Partial<S>)
      }
    }

    api.clearHistory = () => {
      past = []
      future = []
    }

    api.getHistory = () => ({ past: [...past], future: [...future] })

    return config(trackedSet, get, api)
  }
