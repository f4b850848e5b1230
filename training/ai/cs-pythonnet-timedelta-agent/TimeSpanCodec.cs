using System;

namespace Python.Runtime.Codecs
{
    /// <summary>
    /// Converts <see cref="TimeSpan"/> to Python's <c>datetime.timedelta</c> and back.
    /// Precision is microseconds: sub-microsecond ticks are truncated when encoding.
    /// </summary>
    public sealed class TimeSpanCodec : IPyObjectEncoder, IPyObjectDecoder
    {
        const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

        PyType? timedeltaType;

        public static TimeSpanCodec Instance { get; } = new TimeSpanCodec();

        public static void Register()
        {
            PyObjectConversions.RegisterEncoder(Instance);
            PyObjectConversions.RegisterDecoder(Instance);
        }

        PyType TimedeltaType
        {
            get
            {
                if (timedeltaType is null)
                {
                    using var datetime = Py.Import("datetime");
                    using var type = datetime.GetAttr("timedelta");
                    timedeltaType = new PyType(type);
                }
                return timedeltaType;
            }
        }

        public bool CanDecode(PyType objectType, Type targetType)
        {
            if (targetType != typeof(TimeSpan) && targetType != typeof(TimeSpan?) && targetType != typeof(object))
                return false;

            return objectType.IsSubclass(TimedeltaType);
        }

        public bool TryDecode<T>(PyObject pyObj, out T? value)
        {
            if (pyObj == null) throw new ArgumentNullException(nameof(pyObj));

            value = default;
            if (!pyObj.IsInstance(TimedeltaType)) return false;

            // timedelta is normalized so that 0 <= seconds < 86400 and 0 <= microseconds < 10**6,
            // only days can be negative
            long days, seconds, microseconds;
            using (var pyDays = pyObj.GetAttr("days"))
            using (var pySeconds = pyObj.GetAttr("seconds"))
            using (var pyMicroseconds = pyObj.GetAttr("microseconds"))
            {
                days = pyDays.As<long>();
                seconds = pySeconds.As<long>();
                microseconds = pyMicroseconds.As<long>();
            }

            TimeSpan result;
            try
            {
                result = new TimeSpan(checked(days * TimeSpan.TicksPerDay
                    + seconds * TimeSpan.TicksPerSecond
                    + microseconds * TicksPerMicrosecond));
            }
            catch (OverflowException)
            {
                // timedelta.max (999999999 days) does not fit into TimeSpan
                return false;
            }

            value = (T)(object)result;
            return true;
        }

        public bool CanEncode(Type type)
        {
            return type == typeof(TimeSpan);
        }

        public PyObject? TryEncode(object value)
        {
            if (value is not TimeSpan span) return null;

            long totalMicroseconds = span.Ticks / TicksPerMicrosecond;
            long days = Math.DivRem(totalMicroseconds, TimeSpan.TicksPerDay / TicksPerMicrosecond, out long rest);
            if (rest < 0)
            {
                days -= 1;
                rest += TimeSpan.TicksPerDay / TicksPerMicrosecond;
            }
            long seconds = Math.DivRem(rest, 1_000_000, out long microseconds);

            using var args = new PyTuple(new PyObject[]
            {
                new PyInt(days),
                new PyInt(seconds),
                new PyInt(microseconds),
            });
            return TimedeltaType.Invoke(args);
        }

        private TimeSpanCodec() { }
    }
}
