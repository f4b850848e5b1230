  // forEach doesn't wait for async callbacks, so the function returned before
  // any file was written. Use Promise.all so errors propagate as well.
  await Promise.all(
    pages.map(async (page) => {
      const html = await render(page);
      await fs.promises.writeFile(path.join(outDir, `${page.slug}.html`), html);
    }),
  );
  console.log(`Wrote ${pages.length} pages to ${outDir}`);
