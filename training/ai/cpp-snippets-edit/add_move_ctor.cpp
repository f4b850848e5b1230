    Connection(Connection&& other) noexcept
        : fd_(std::exchange(other.fd_, -1)),
          peer_(std::move(other.peer_)),
          read_buf_(std::move(other.read_buf_)) {}

    Connection& operator=(Connection&& other) noexcept {
        if (this != &other) {
            close();
            fd_ = std::exchange(other.fd_, -1);
            peer_ = std::move(other.peer_);
            read_buf_ = std::move(other.read_buf_);
        }
        return *this;
    }

    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
