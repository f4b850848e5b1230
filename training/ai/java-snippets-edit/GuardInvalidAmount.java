    public Receipt withdraw(String accountId, BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        Account account = accounts.findById(accountId)
                .orElseThrow(() -> new AccountNotFoundException(accountId));
        if (account.isFrozen()) {
            throw new IllegalStateException("account " + accountId + " is frozen");
        }
        if (account.getBalance().compareTo(amount) < 0) {
            throw new InsufficientFundsException(accountId, amount, account.getBalance());
        }
        account.debit(amount);
        return new Receipt(accountId, amount, clock.instant());
    }
