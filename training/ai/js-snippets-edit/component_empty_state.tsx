  if (!isLoading && items.length === 0) {
    return (
      <div className="empty-state" role="status">
        <InboxIcon aria-hidden className="empty-state__icon" />
        <h2>{query ? `No results for “${query}”` : "Nothing here yet"}</h2>
        <p>
          {query
            ? "Try a different search term or clear the filters."
            : "Items you create will show up in this list."}
        </p>
        {query ? (
          <button type="button" onClick={onClearFilters}>
            Clear filters
          </button>
        ) : (
          <button type="button" className="primary" onClick={onCreate}>
            Create your first item
          </button>
        )}
      </div>
    );
  }
