    case "todos/removed": {
      const { id } = action.payload;
      if (!state.byId[id]) {
        return state;
      }
      const { [id]: _removed, ...byId } = state.byId;
      return {
        ...state,
        byId,
        allIds: state.allIds.filter((existing) => existing !== id),
      };
    }
