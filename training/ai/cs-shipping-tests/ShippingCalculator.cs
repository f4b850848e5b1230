using System;
using System.Collections.Generic;
using System.Linq;

namespace Shop.Shipping;

public enum Zone { Domestic, Neighbor, International }

public enum Speed { Standard, Express, Overnight }

public sealed record Parcel(decimal WeightKg, decimal LengthCm, decimal WidthCm, decimal HeightCm);

public interface IRateTable
{
    decimal BaseRate(Zone zone, Speed speed);
    decimal PerKg(Zone zone);
}

public sealed class ShippingCalculator
{
    public const decimal VolumetricDivisor = 5000m;
    public const decimal MaxWeightKg = 30m;
    public const decimal FreeShippingThreshold = 75m;

    private readonly IRateTable _rates;

    public ShippingCalculator(IRateTable rates) => _rates = rates ?? throw new ArgumentNullException(nameof(rates));

    public static decimal BillableWeight(Parcel p)
    {
        if (p.WeightKg <= 0 || p.LengthCm <= 0 || p.WidthCm <= 0 || p.HeightCm <= 0)
            throw new ArgumentException("parcel dimensions and weight must be positive", nameof(p));
        var volumetric = p.LengthCm * p.WidthCm * p.HeightCm / VolumetricDivisor;
        var billable = Math.Max(p.WeightKg, volumetric);
        return Math.Ceiling(billable * 2) / 2; // round up to the next 0.5 kg
    }

    public decimal Quote(IReadOnlyCollection<Parcel> parcels, Zone zone, Speed speed, decimal orderTotal)
    {
        if (parcels is null || parcels.Count == 0)
            throw new ArgumentException("at least one parcel is required", nameof(parcels));
        if (zone == Zone.International && speed == Speed.Overnight)
            throw new NotSupportedException("overnight delivery is not available internationally");

        var heavy = parcels.FirstOrDefault(p => p.WeightKg > MaxWeightKg);
        if (heavy is not null)
            throw new ArgumentOutOfRangeException(nameof(parcels), $"parcel of {heavy.WeightKg} kg exceeds {MaxWeightKg} kg");

        if (zone == Zone.Domestic && speed == Speed.Standard && orderTotal >= FreeShippingThreshold)
            return 0m;

        var total = 0m;
        foreach (var p in parcels)
            total += _rates.BaseRate(zone, speed) + BillableWeight(p) * _rates.PerKg(zone);

        if (parcels.Count >= 3)
            total *= 0.9m;

        return Math.Round(total, 2, MidpointRounding.AwayFromZero);
    }
}

public sealed class FixedRateTable : IRateTable
{
    private static readonly Dictionary<(Zone, Speed), decimal> Base = new()
    {
        [(Zone.Domestic, Speed.Standard)] = 4.90m,
        [(Zone.Domestic, Speed.Express)] = 9.90m,
        [(Zone.Domestic, Speed.Overnight)] = 19.90m,
        [(Zone.Neighbor, Speed.Standard)] = 12.50m,
        [(Zone.Neighbor, Speed.Express)] = 24.00m,
        [(Zone.Neighbor, Speed.Overnight)] = 39.00m,
        [(Zone.International, Speed.Standard)] = 24.00m,
        [(Zone.International, Speed.Express)] = 49.00m,
    };

    public decimal BaseRate(Zone zone, Speed speed) => Base[(zone, speed)];

    public decimal PerKg(Zone zone) => zone switch
    {
        Zone.Domestic => 0.80m,
        Zone.Neighbor => 1.60m,
        _ => 3.20m,
    };
}
