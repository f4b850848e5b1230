def import_contacts(path: Path, *, dry_run: bool = False) -> ImportResult:
    if not path.exists():
        raise FileNotFoundError(f"import file not found: {path}")
    if path.suffix.lower() not in {".csv", ".tsv"}:
        raise ValueError(f"unsupported file type {path.suffix!r}; expected .csv or .tsv")
    if path.stat().st_size == 0:
        logger.warning("import file %s is empty, nothing to do", path)
        return ImportResult(created=0, updated=0, skipped=0)

    rows = read_rows(path, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
    return apply_rows(rows, dry_run=dry_run)
