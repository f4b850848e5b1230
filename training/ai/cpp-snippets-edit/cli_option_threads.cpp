    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    app.add_option("-j,--threads", threads, "Number of worker threads")
        ->check(CLI::Range(1u, 256u))
        ->envname("INDEXER_THREADS")
        ->capture_default_str();
