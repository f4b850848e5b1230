        var totals = invoices
            .Where(i => i.IssuedOn >= from && i.IssuedOn < to)
            .GroupBy(i => new { i.CustomerId, Month = new DateOnly(i.IssuedOn.Year, i.IssuedOn.Month, 1) })
            .Select(g => new MonthlyTotal(
                g.Key.CustomerId,
                g.Key.Month,
                g.Sum(i => i.Amount),
                g.Count()))
            .OrderBy(t => t.Month)
            .ThenByDescending(t => t.Total)
            .ToList();
