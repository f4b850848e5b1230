    public List<Customer> findActive(Instant since) {
        Objects.requireNonNull(since, "since");
        return customers.values().stream()
                .filter(c -> c.getStatus() == Status.ACTIVE)
                .filter(c -> c.getLastLogin() != null && c.getLastLogin().isAfter(since))
                .sorted(Comparator.comparing(Customer::getLastLogin).reversed())
                .collect(Collectors.toList());
    }
