    if (auto it = j.find("timeout_ms"); it != j.end()) {
        if (!it->is_number_integer()) {
            throw config_error("timeout_ms must be an integer");
        }
        const auto ms = it->get<std::int64_t>();
        if (ms <= 0 || ms > 600'000) {
            throw config_error("timeout_ms must be in (0, 600000], got " + std::to_string(ms));
        }
        cfg.timeout = std::chrono::milliseconds{ms};
    }
