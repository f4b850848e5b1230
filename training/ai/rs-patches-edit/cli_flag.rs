    /// Stop after this many matches per file (0 means no limit).
    #[arg(short = 'm', long = "max-count", value_name = "NUM", default_value_t = 0)]
    max_count: usize,

    /// Print only the names of files with at least one match.
    #[arg(short = 'l', long = "files-with-matches", conflicts_with = "count")]
    files_with_matches: bool,
