void Account::transfer_to(Account& to, Money amount) {
    if (&to == this) {
        return;
    }
    // Lock both mutexes together to avoid deadlock when two transfers run in opposite directions.
    std::scoped_lock lock(mutex_, to.mutex_);
    if (balance_ < amount) {
        throw insufficient_funds(id_, amount);
    }
    balance_ -= amount;
    to.balance_ += amount;
}
