@cli.command()
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
    default=None,
    help="Only export records modified on or after this date (UTC).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl"], case_sensitive=False),
    default="csv",
    show_default=True,
)
@click.pass_obj
def export(ctx: AppContext, since: datetime | None, fmt: str) -> None:
    """Export records to stdout."""
    records = ctx.store.iter_records(modified_since=since)
    writer = JsonlWriter(sys.stdout) if fmt.lower() == "jsonl" else CsvWriter(sys.stdout)
    count = writer.write_all(records)
    click.echo(f"exported {count} records", err=True)
