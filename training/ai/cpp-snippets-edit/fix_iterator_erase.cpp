    // Erasing inside a range-for invalidates the iterator; use the returned iterator instead.
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        if (it->second.expires_at <= now) {
            it = sessions_.erase(it);
        } else {
            ++it;
        }
    }
