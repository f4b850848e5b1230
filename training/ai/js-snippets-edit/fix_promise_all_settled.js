    // Previously a single failed upload rejected the whole batch and left the
    // others running unobserved. Wait for all of them and report per file.
    const results = await Promise.allSettled(files.map((f) => uploadFile(f, { signal })));
    const failed = [];
    results.forEach((r, i) => {
      if (r.status === 'rejected') {
        failed.push({ file: files[i].name, reason: r.reason?.message ?? String(r.reason) });
      } else {
        uploaded.push(r.value);
      }
    });
    if (failed.length) {
      logger.warn({ failed }, `${failed.length}/${files.length} uploads failed`);
    }
