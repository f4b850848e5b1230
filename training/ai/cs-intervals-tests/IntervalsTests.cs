using System;
using System.Collections.Generic;
using Scheduling;
using Xunit;

namespace Scheduling.Tests;

public class SlotTests
{
    private static readonly DateTime Day = new(2024, 3, 15);

    private static Slot At(int startHour, int endHour) => new(Day.AddHours(startHour), Day.AddHours(endHour));

    [Fact]
    public void Duration_IsEndMinusStart()
    {
        Assert.Equal(TimeSpan.FromHours(3), At(9, 12).Duration);
    }

    [Theory]
    [InlineData(9, 12, 11, 13, true)]   // partial overlap
    [InlineData(9, 12, 10, 11, true)]   // contained
    [InlineData(9, 12, 8, 13, true)]    // containing
    [InlineData(9, 12, 12, 13, false)]  // touching: half-open ranges do not overlap
    [InlineData(9, 12, 6, 9, false)]
    [InlineData(9, 12, 14, 15, false)]
    public void Overlaps_TreatsRangesAsHalfOpen(int s1, int e1, int s2, int e2, bool expected)
    {
        var a = At(s1, e1);
        var b = At(s2, e2);

        Assert.Equal(expected, a.Overlaps(b));
        Assert.Equal(expected, b.Overlaps(a)); // symmetric
    }

    [Fact]
    public void Of_BuildsSlotFromStartAndLength()
    {
        var slot = Slot.Of(Day.AddHours(9), TimeSpan.FromMinutes(30));

        Assert.Equal(Day.AddHours(9), slot.Start);
        Assert.Equal(Day.AddHours(9).AddMinutes(30), slot.End);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-15)]
    public void Of_RejectsNonPositiveLength(int minutes)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Slot.Of(Day, TimeSpan.FromMinutes(minutes)));
        Assert.Equal("length", ex.ParamName);
    }
}

public class MergeTests
{
    private static readonly DateTime Day = new(2024, 3, 15);

    private static Slot At(int startHour, int endHour) => new(Day.AddHours(startHour), Day.AddHours(endHour));

    [Fact]
    public void EmptyInput_ReturnsEmpty()
    {
        Assert.Empty(Intervals.Merge(Array.Empty<Slot>()));
    }

    [Fact]
    public void NullInput_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Intervals.Merge(null!));
    }

    [Fact]
    public void DisjointSlots_AreReturnedSorted()
    {
        var result = Intervals.Merge(new[] { At(14, 15), At(9, 10), At(11, 12) });

        Assert.Equal(new[] { At(9, 10), At(11, 12), At(14, 15) }, result);
    }

    [Fact]
    public void OverlappingSlots_AreCombined()
    {
        var result = Intervals.Merge(new[] { At(9, 11), At(10, 12), At(11, 13) });

        Assert.Equal(new[] { At(9, 13) }, result);
    }

    [Fact]
    public void TouchingSlots_AreCombined()
    {
        Assert.Equal(new[] { At(9, 12) }, Intervals.Merge(new[] { At(9, 10), At(10, 12) }));
    }

    [Fact]
    public void ContainedSlot_DoesNotShrinkTheMergedRange()
    {
        Assert.Equal(new[] { At(8, 17) }, Intervals.Merge(new[] { At(8, 17), At(9, 10) }));
    }

    [Fact]
    public void EmptyAndInvertedSlots_AreDropped()
    {
        var result = Intervals.Merge(new[] { At(9, 9), At(12, 10), At(13, 14) });

        var only = Assert.Single(result);
        Assert.Equal(At(13, 14), only);
    }
}

public class FreeSlotsTests
{
    private static readonly DateTime Day = new(2024, 3, 15);
    private static readonly Slot WorkDay = new(Day.AddHours(9), Day.AddHours(17));

    private static Slot At(double startHour, double endHour) => new(Day.AddHours(startHour), Day.AddHours(endHour));

    public static IEnumerable<object[]> Cases()
    {
        yield return new object[] { "no meetings", Array.Empty<Slot>(), new[] { At(9, 17) } };
        yield return new object[] { "one meeting in the middle", new[] { At(12, 13) }, new[] { At(9, 12), At(13, 17) } };
        yield return new object[] { "meeting at start of day", new[] { At(9, 10) }, new[] { At(10, 17) } };
        yield return new object[] { "meeting at end of day", new[] { At(16, 17) }, new[] { At(9, 16) } };
        yield return new object[] { "meeting starts before window", new[] { At(7, 10) }, new[] { At(10, 17) } };
        yield return new object[] { "meeting ends after window", new[] { At(15, 19) }, new[] { At(9, 15) } };
        yield return new object[] { "fully booked", new[] { At(8, 18) }, Array.Empty<Slot>() };
        yield return new object[] { "meetings outside window", new[] { At(6, 7), At(18, 19) }, new[] { At(9, 17) } };
        yield return new object[] { "overlapping meetings", new[] { At(10, 12), At(11, 14) }, new[] { At(9, 10), At(14, 17) } };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReturnsGapsWithinWindow(string scenario, Slot[] busy, Slot[] expected)
    {
        var free = Intervals.FreeSlots(WorkDay, busy, TimeSpan.Zero);

        _ = scenario; // only labels the case in the test explorer
        Assert.Equal(expected, free);
    }

    [Fact]
    public void GapsShorterThanMinimum_AreSkipped()
    {
        var busy = new[] { At(9.5, 10), At(10.25, 16) };

        var free = Intervals.FreeSlots(WorkDay, busy, TimeSpan.FromMinutes(30));

        // 9:00-9:30 (30 min) qualifies, 10:00-10:15 does not, 16:00-17:00 does.
        Assert.Equal(new[] { At(9, 9.5), At(16, 17) }, free);
    }

    [Fact]
    public void FreeSlots_NeverOverlapBusySlots()
    {
        var busy = new[] { At(9.25, 9.75), At(11, 11.5), At(13, 15), At(14, 16.5) };

        var free = Intervals.FreeSlots(WorkDay, busy, TimeSpan.Zero);

        Assert.All(free, f => Assert.DoesNotContain(busy, b => b.Overlaps(f)));
    }
}

public class FirstCommonSlotTests
{
    private static readonly DateTime Day = new(2024, 3, 15);
    private static readonly Slot WorkDay = new(Day.AddHours(9), Day.AddHours(17));

    private static Slot At(double startHour, double endHour) => new(Day.AddHours(startHour), Day.AddHours(endHour));

    [Fact]
    public void FindsEarliestTimeFreeForEveryone()
    {
        var alice = new[] { At(9, 10), At(12.5, 14) };
        var bob = new[] { At(10, 11.5) };
        var carol = new[] { At(11.5, 12) };

        var start = Intervals.FirstCommonSlot(WorkDay, TimeSpan.FromHours(1), alice, bob, carol);

        Assert.Equal(Day.AddHours(14), start);
    }

    [Fact]
    public void ReturnsWindowStartWhenNobodyIsBusy()
    {
        Assert.Equal(WorkDay.Start, Intervals.FirstCommonSlot(WorkDay, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void ReturnsNullWhenNoSlotIsLongEnough()
    {
        var busy = new[] { At(9.5, 12), At(12.5, 17) };

        Assert.Null(Intervals.FirstCommonSlot(WorkDay, TimeSpan.FromHours(1), busy));
    }
}
