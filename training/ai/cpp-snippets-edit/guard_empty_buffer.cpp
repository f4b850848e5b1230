    if (data == nullptr || size == 0) {
        return make_error_code(std::errc::invalid_argument);
    }
    if (size > max_frame_size_) {
        // Reject oversized frames up front instead of allocating for them.
        return make_error_code(std::errc::message_size);
    }
