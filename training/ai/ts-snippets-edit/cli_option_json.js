program
  .option("--json", "print results as JSON instead of a table")
  .option("-l, --limit <n>", "show at most n results", (value) => {
    const n = Number.parseInt(value, 10);
    if (Number.isNaN(n) || n <= 0) {
      throw new InvalidArgumentError("limit must be a positive integer");
    }
    return n;
  }, 20);

const opts = program.opts();
const results = (await search(query)).slice(0, opts.limit);
if (opts.json) {
  console.log(JSON.stringify(results, null, 2));
} else {
  printTable(results);
}
