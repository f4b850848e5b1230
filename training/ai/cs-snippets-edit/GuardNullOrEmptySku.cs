        public async Task<StockLevel> ReserveAsync(string sku, int quantity, CancellationToken ct = default)
        {
            if (string.IsNullOrWhiteSpace(sku))
                throw new ArgumentException("SKU must be provided.", nameof(sku));
            if (quantity <= 0)
                throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "Quantity must be positive.");

            var level = await _store.GetAsync(sku, ct).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"Unknown SKU '{sku}'.");
