using System;
using System.Collections.Generic;
using System.Linq;

namespace Scheduling;

/// <summary>A half-open time range [Start, End).</summary>
public readonly record struct Slot(DateTime Start, DateTime End)
{
    public TimeSpan Duration => End - Start;

    public bool Overlaps(Slot other) => Start < other.End && other.Start < End;

    public static Slot Of(DateTime start, TimeSpan length)
    {
        if (length <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(length), "length must be positive");
        return new Slot(start, start + length);
    }
}

public static class Intervals
{
    /// <summary>Merges overlapping or touching slots and returns them sorted by start.</summary>
    public static IReadOnlyList<Slot> Merge(IEnumerable<Slot> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var result = new List<Slot>();
        foreach (var s in slots.Where(s => s.End > s.Start).OrderBy(s => s.Start))
        {
            if (result.Count > 0 && s.Start <= result[^1].End)
            {
                var last = result[^1];
                result[^1] = last with { End = s.End > last.End ? s.End : last.End };
            }
            else
            {
                result.Add(s);
            }
        }
        return result;
    }

    /// <summary>Returns the gaps inside <paramref name="window"/> not covered by any busy slot.</summary>
    public static IReadOnlyList<Slot> FreeSlots(Slot window, IEnumerable<Slot> busy, TimeSpan minLength)
    {
        var free = new List<Slot>();
        var cursor = window.Start;
        foreach (var b in Merge(busy))
        {
            if (b.End <= window.Start) continue;
            if (b.Start >= window.End) break;
            if (b.Start - cursor >= minLength && b.Start > cursor)
                free.Add(new Slot(cursor, b.Start));
            if (b.End > cursor) cursor = b.End;
        }
        if (window.End - cursor >= minLength && window.End > cursor)
            free.Add(new Slot(cursor, window.End));
        return free;
    }

    /// <summary>Finds the earliest start at which every calendar has <paramref name="length"/> free.</summary>
    public static DateTime? FirstCommonSlot(Slot window, TimeSpan length, params IEnumerable<Slot>[] calendars)
    {
        var allBusy = calendars.SelectMany(c => c);
        var first = FreeSlots(window, allBusy, length).FirstOrDefault();
        return first == default ? null : first.Start;
    }
}
