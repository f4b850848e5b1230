using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Billing.Services
{
    /// <summary>
    /// Creates invoices for customers and applies discounts and taxes.
    /// </summary>
    public class InvoiceService : IInvoiceService
    {
        private const decimal MaxDiscountRate = 0.5m;

        private readonly IInvoiceRepository _repository;
        private readonly ITaxCalculator _taxCalculator;
        private readonly ILogger<InvoiceService> _logger;

        public InvoiceService(IInvoiceRepository repository, ITaxCalculator taxCalculator, ILogger<InvoiceService> logger)
        {
            _repository = repository ?? throw new ArgumentNullException(nameof(repository));
            _taxCalculator = taxCalculator ?? throw new ArgumentNullException(nameof(taxCalculator));
            _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        }

        /// <summary>
        /// Creates and persists an invoice for the given line items.
        /// </summary>
        /// <param name="customerId">The customer being billed.</param>
        /// <param name="items">The items to bill; must not be empty.</param>
        /// <param name="discountRate">Optional discount between 0 and 0.5.</param>
        /// <param name="cancellationToken">Token to cancel the operation.</param>
        /// <returns>The saved invoice.</returns>
        public async Task<Invoice> CreateInvoiceAsync(
            Guid customerId,
            IReadOnlyCollection<LineItem> items,
            decimal discountRate = 0m,
            CancellationToken cancellationToken = default)
        {
            if (items is null || items.Count == 0)
            {
                throw new ArgumentException("An invoice must contain at least one line item.", nameof(items));
            }

            if (discountRate < 0 || discountRate > MaxDiscountRate)
            {
                throw new ArgumentOutOfRangeException(nameof(discountRate), $"Discount must be between 0 and {MaxDiscountRate:P0}.");
            }

            var subtotal = items.Sum(item => item.UnitPrice * item.Quantity);
            var discount = Math.Round(subtotal * discountRate, 2, MidpointRounding.AwayFromZero);
            var tax = await _taxCalculator.CalculateAsync(customerId, subtotal - discount, cancellationToken);

            var invoice = new Invoice
            {
                Id = Guid.NewGuid(),
                CustomerId = customerId,
                Items = items.ToList(),
                Subtotal = subtotal,
                Discount = discount,
                Tax = tax,
                Total = subtotal - discount + tax,
                IssuedAt = DateTimeOffset.UtcNow,
                Status = InvoiceStatus.Open,
            };

            await _repository.AddAsync(invoice, cancellationToken);
            _logger.LogInformation("Created invoice {InvoiceId} for customer {CustomerId} totalling {Total}", invoice.Id, customerId, invoice.Total);

            return invoice;
        }

        /// <summary>
        /// Marks an open invoice as paid. Paying an invoice twice is rejected.
        /// </summary>
        public async Task MarkAsPaidAsync(Guid invoiceId, CancellationToken cancellationToken = default)
        {
            var invoice = await _repository.GetByIdAsync(invoiceId, cancellationToken)
                ?? throw new KeyNotFoundException($"Invoice {invoiceId} was not found.");

            if (invoice.Status != InvoiceStatus.Open)
            {
                throw new InvalidOperationException($"Invoice {invoiceId} cannot be paid because it is {invoice.Status}.");
            }

            invoice.Status = InvoiceStatus.Paid;
            invoice.PaidAt = DateTimeOffset.UtcNow;
            await _repository.UpdateAsync(invoice, cancellationToken);
        }

        /// <summary>
        /// Returns all overdue invoices, oldest first.
        /// </summary>
        public async Task<IReadOnlyList<Invoice>> GetOverdueAsync(TimeSpan paymentTerm, CancellationToken cancellationToken = default)
        {
            var cutoff = DateTimeOffset.UtcNow - paymentTerm;
            var open = await _repository.GetByStatusAsync(InvoiceStatus.Open, cancellationToken);
            return open.Where(invoice => invoice.IssuedAt < cutoff)
                       .OrderBy(invoice => invoice.IssuedAt)
                       .ToList();
        }
    }
}
