using System;
using System.Collections.Generic;
using Moq;
using NUnit.Framework;
using Shop.Shipping;

namespace Shop.Shipping.Tests;

[TestFixture]
public class BillableWeightTests
{
    [TestCase(1.0, 10, 10, 10, 1.0, TestName = "Actual weight wins for a small dense parcel")]
    [TestCase(1.0, 50, 40, 30, 12.0, TestName = "Volumetric weight wins for a large light parcel")]
    [TestCase(2.1, 10, 10, 10, 2.5, TestName = "Rounds up to the next half kilo")]
    [TestCase(2.5, 10, 10, 10, 2.5, TestName = "Exact half kilo is unchanged")]
    [TestCase(0.01, 1, 1, 1, 0.5, TestName = "Minimum billable weight is half a kilo")]
    public void BillableWeight_UsesGreaterOfActualAndVolumetric(
        decimal weight, decimal length, decimal width, decimal height, decimal expected)
    {
        var parcel = new Parcel(weight, length, width, height);

        Assert.That(ShippingCalculator.BillableWeight(parcel), Is.EqualTo(expected));
    }

    [TestCase(0, 10, 10, 10)]
    [TestCase(1, 0, 10, 10)]
    [TestCase(1, 10, -1, 10)]
    [TestCase(1, 10, 10, 0)]
    public void BillableWeight_RejectsNonPositiveValues(decimal w, decimal l, decimal wd, decimal h)
    {
        Assert.That(() => ShippingCalculator.BillableWeight(new Parcel(w, l, wd, h)),
            Throws.ArgumentException.With.Message.Contains("must be positive"));
    }
}

[TestFixture]
public class QuoteTests
{
    private static readonly Parcel SmallBox = new(1.2m, 20, 15, 10); // billable 1.5 kg
    private static readonly Parcel BigBox = new(4m, 60, 40, 40);     // volumetric 19.2 -> 19.5 kg

    private Mock<IRateTable> _rates = null!;
    private ShippingCalculator _calc = null!;

    [SetUp]
    public void SetUp()
    {
        _rates = new Mock<IRateTable>(MockBehavior.Strict);
        _rates.Setup(r => r.BaseRate(It.IsAny<Zone>(), It.IsAny<Speed>())).Returns(5.00m);
        _rates.Setup(r => r.PerKg(It.IsAny<Zone>())).Returns(1.00m);
        _calc = new ShippingCalculator(_rates.Object);
    }

    [Test]
    public void Constructor_RejectsNullRateTable()
    {
        Assert.Throws<ArgumentNullException>(() => new ShippingCalculator(null!));
    }

    [Test]
    public void Quote_SingleParcel_IsBasePlusBillableWeightTimesRate()
    {
        var quote = _calc.Quote(new[] { SmallBox }, Zone.Neighbor, Speed.Standard, orderTotal: 20m);

        Assert.That(quote, Is.EqualTo(5.00m + 1.5m * 1.00m));
    }

    [Test]
    public void Quote_AsksTheRateTableForTheRequestedZoneAndSpeed()
    {
        _calc.Quote(new[] { SmallBox }, Zone.International, Speed.Express, 0m);

        _rates.Verify(r => r.BaseRate(Zone.International, Speed.Express), Times.Once);
        _rates.Verify(r => r.PerKg(Zone.International), Times.Once);
    }

    [Test]
    public void Quote_TwoParcels_AreChargedIndividually()
    {
        var quote = _calc.Quote(new[] { SmallBox, BigBox }, Zone.Domestic, Speed.Express, 0m);

        Assert.That(quote, Is.EqualTo((5m + 1.5m) + (5m + 19.5m)));
    }

    [Test]
    public void Quote_ThreeOrMoreParcels_GetTenPercentOff()
    {
        var quote = _calc.Quote(new[] { SmallBox, SmallBox, SmallBox }, Zone.Domestic, Speed.Express, 0m);

        Assert.That(quote, Is.EqualTo(Math.Round(3 * 6.5m * 0.9m, 2)));
    }

    [TestCase(75.00, 0.00)]
    [TestCase(500.00, 0.00)]
    [TestCase(74.99, 6.50)]
    public void Quote_DomesticStandard_IsFreeAboveThreshold(decimal orderTotal, decimal expected)
    {
        Assert.That(_calc.Quote(new[] { SmallBox }, Zone.Domestic, Speed.Standard, orderTotal), Is.EqualTo(expected));
    }

    [TestCase(Zone.Domestic, Speed.Express)]
    [TestCase(Zone.Neighbor, Speed.Standard)]
    public void Quote_FreeShippingDoesNotApplyOutsideDomesticStandard(Zone zone, Speed speed)
    {
        Assert.That(_calc.Quote(new[] { SmallBox }, zone, speed, 1000m), Is.GreaterThan(0m));
    }

    [Test]
    public void Quote_FreeShipping_DoesNotConsultRateTable()
    {
        _calc.Quote(new[] { BigBox }, Zone.Domestic, Speed.Standard, 100m);

        _rates.VerifyNoOtherCalls();
    }

    [Test]
    public void Quote_InternationalOvernight_IsNotSupported()
    {
        var ex = Assert.Throws<NotSupportedException>(
            () => _calc.Quote(new[] { SmallBox }, Zone.International, Speed.Overnight, 0m));
        Assert.That(ex!.Message, Does.Contain("overnight"));
    }

    [Test]
    public void Quote_OverweightParcel_IsRejected()
    {
        var tooHeavy = new Parcel(30.5m, 10, 10, 10);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => _calc.Quote(new[] { SmallBox, tooHeavy }, Zone.Domestic, Speed.Express, 0m));
        Assert.That(ex!.ParamName, Is.EqualTo("parcels"));
        Assert.That(ex.Message, Does.Contain("30.5 kg"));
    }

    [Test]
    public void Quote_ParcelAtExactlyMaxWeight_IsAccepted()
    {
        Assert.DoesNotThrow(() => _calc.Quote(new[] { new Parcel(30m, 10, 10, 10) }, Zone.Domestic, Speed.Express, 0m));
    }

    [TestCaseSource(nameof(EmptyParcelLists))]
    public void Quote_RequiresAtLeastOneParcel(IReadOnlyCollection<Parcel>? parcels)
    {
        Assert.Throws<ArgumentException>(() => _calc.Quote(parcels!, Zone.Domestic, Speed.Express, 0m));
    }

    private static IEnumerable<IReadOnlyCollection<Parcel>?> EmptyParcelLists()
    {
        yield return null;
        yield return Array.Empty<Parcel>();
    }
}

[TestFixture]
public class FixedRateTableIntegrationTests
{
    private ShippingCalculator _calc = null!;

    [OneTimeSetUp]
    public void CreateCalculator() => _calc = new ShippingCalculator(new FixedRateTable());

    [TestCase(Zone.Domestic, Speed.Express, ExpectedResult = 11.50)]       // 9.90 + 2 x 0.80
    [TestCase(Zone.Neighbor, Speed.Overnight, ExpectedResult = 42.20)]     // 39.00 + 2 x 1.60
    [TestCase(Zone.International, Speed.Standard, ExpectedResult = 30.40)] // 24.00 + 2 x 3.20
    public decimal Quote_TwoKiloParcel(Zone zone, Speed speed)
    {
        return _calc.Quote(new[] { new Parcel(2m, 20, 20, 20) }, zone, speed, 0m);
    }

    [Test]
    public void EveryZoneAndSpeedHasARate_ExceptInternationalOvernight()
    {
        var table = new FixedRateTable();

        Assert.Multiple(() =>
        {
            foreach (Zone zone in Enum.GetValues(typeof(Zone)))
            foreach (Speed speed in Enum.GetValues(typeof(Speed)))
            {
                if (zone == Zone.International && speed == Speed.Overnight)
                    continue;
                Assert.That(table.BaseRate(zone, speed), Is.GreaterThan(0m), $"{zone}/{speed}");
            }
        });
    }
}
