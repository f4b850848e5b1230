using System;
using System.Collections.Generic;

namespace Billing
{
    public enum InvoiceStatus
    {
        Open,
        Paid,
        Cancelled,
    }

    /// <summary>
    /// A single billable line on an invoice.
    /// </summary>
    public record LineItem(string Sku, string Description, decimal UnitPrice, int Quantity)
    {
        public decimal Total => UnitPrice * Quantity;
    }

    /// <summary>
    /// An invoice issued to a customer.
    /// </summary>
    public class Invoice
    {
        public Guid Id { get; init; }
        public Guid CustomerId { get; init; }
        public List<LineItem> Items { get; init; } = new();
        public decimal Subtotal { get; init; }
        public decimal Discount { get; init; }
        public decimal Tax { get; init; }
        public decimal Total { get; init; }
        public DateTimeOffset IssuedAt { get; init; }
        public DateTimeOffset? PaidAt { get; set; }
        public InvoiceStatus Status { get; set; }

        /// <summary>
        /// Returns true if the invoice is still open after the given payment term.
        /// </summary>
        public bool IsOverdue(TimeSpan paymentTerm, DateTimeOffset now) =>
            Status == InvoiceStatus.Open && now - IssuedAt > paymentTerm;
    }
}
