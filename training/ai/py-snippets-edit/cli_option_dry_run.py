parser.add_argument(
    "--dry-run",
    action="store_true",
    help="Show which files would be deleted without deleting them.",
)
args = parser.parse_args()

for path in find_stale_files(args.directory, older_than=args.days):
    if args.dry_run:
        print(f"would delete {path}")
        continue
    try:
        path.unlink()
    except OSError as exc:
        logger.warning("could not delete %s: %s", path, exc)
