program
  .option('-n, --dry-run', 'show what would be deleted without deleting anything')
  .option('--older-than <days>', 'only prune entries older than this many days', (v) => {
    const n = Number.parseInt(v, 10);
    if (!Number.isFinite(n) || n < 0) {
      throw new InvalidArgumentError('Expected a non-negative number of days.');
    }
    return n;
  }, 30);

// in the action handler:
    if (opts.dryRun) {
      for (const entry of stale) console.log(`would remove ${entry.path} (${formatAge(entry.mtime)})`);
      console.log(`${stale.length} entries would be removed; re-run without --dry-run to apply.`);
      return;
    }
