namespace Python.EmbeddingTest {
    using System;
    using NUnit.Framework;
    using Python.Runtime;
    using Python.Runtime.Codecs;

    public class TimeSpanCodecTests
    {
        [SetUp]
        public void SetUp()
        {
            PythonEngine.Initialize();
        }

        [TearDown]
        public void Dispose()
        {
            PythonEngine.Shutdown();
        }

        static PyObject Timedelta(string args) => PythonEngine.Eval($"__import__('datetime').timedelta({args})");

        [Test]
        public void CanDecodeTimedelta()
        {
            var codec = TimeSpanCodec.Instance;
            using var delta = Timedelta("seconds=1");
            using var deltaType = delta.GetPythonType();
            Assert.IsTrue(codec.CanDecode(deltaType, typeof(TimeSpan)));
            Assert.IsTrue(codec.CanDecode(deltaType, typeof(object)));
            Assert.IsFalse(codec.CanDecode(deltaType, typeof(DateTime)));
            Assert.IsFalse(codec.CanDecode(deltaType, typeof(double)));

            using var number = new PyInt(1);
            using var numberType = number.GetPythonType();
            Assert.IsFalse(codec.CanDecode(numberType, typeof(TimeSpan)));
        }

        [Test]
        public void DecodePositive()
        {
            using var delta = Timedelta("days=2, hours=3, minutes=4, seconds=5, microseconds=6");
            Assert.IsTrue(TimeSpanCodec.Instance.TryDecode(delta, out TimeSpan span));
            Assert.AreEqual(new TimeSpan(2, 3, 4, 5) + TimeSpan.FromTicks(60), span);
        }

        [Test]
        public void DecodeNegative()
        {
            // python normalizes this to days=-1, seconds=86399, microseconds=500000
            using var delta = Timedelta("seconds=-0.5");
            Assert.IsTrue(TimeSpanCodec.Instance.TryDecode(delta, out TimeSpan span));
            Assert.AreEqual(TimeSpan.FromMilliseconds(-500), span);
        }

        [Test]
        public void DecodeOverflow()
        {
            using var delta = PythonEngine.Eval("__import__('datetime').timedelta.max");
            Assert.IsFalse(TimeSpanCodec.Instance.TryDecode(delta, out TimeSpan _));
        }

        [Test]
        public void DecodeNotTimedelta()
        {
            using var pyStr = new PyString("1:00:00");
            Assert.IsFalse(TimeSpanCodec.Instance.TryDecode(pyStr, out TimeSpan _));
        }

        [Test]
        public void EncodeTimeSpan()
        {
            var span = new TimeSpan(1, 2, 3, 4, 5);
            using var encoded = TimeSpanCodec.Instance.TryEncode(span);
            Assert.IsNotNull(encoded);
            Assert.AreEqual(1, encoded.GetAttr("days").As<int>());
            Assert.AreEqual(2 * 3600 + 3 * 60 + 4, encoded.GetAttr("seconds").As<int>());
            Assert.AreEqual(5000, encoded.GetAttr("microseconds").As<int>());
        }

        [Test]
        public void EncodeNotTimeSpan()
        {
            Assert.IsNull(TimeSpanCodec.Instance.TryEncode(42));
            Assert.IsFalse(TimeSpanCodec.Instance.CanEncode(typeof(DateTime)));
        }

        [Test]
        public void RoundtripNegative()
        {
            var span = -new TimeSpan(0, 25, 0, 1, 250);
            using var encoded = TimeSpanCodec.Instance.TryEncode(span);
            Assert.AreEqual(-2, encoded.GetAttr("days").As<int>());
            Assert.IsTrue(TimeSpanCodec.Instance.TryDecode(encoded, out TimeSpan restored));
            Assert.AreEqual(span, restored);
        }

        [Test]
        public void SubMicrosecondTicksAreTruncated()
        {
            var span = TimeSpan.FromTicks(15);
            using var encoded = TimeSpanCodec.Instance.TryEncode(span);
            Assert.IsTrue(TimeSpanCodec.Instance.TryDecode(encoded, out TimeSpan restored));
            Assert.AreEqual(TimeSpan.FromTicks(10), restored);
        }

        [Test]
        public void RegisteredCodecIsUsedByScope()
        {
            TimeSpanCodec.Register();
            TimeSpan restored = default;
            using (var scope = Py.CreateScope())
            {
                void Accept(TimeSpan value) => restored = value;
                using var accept = new Action<TimeSpan>(Accept).ToPython();
                scope.Set(nameof(accept), accept);
                scope.Exec("import datetime");
                scope.Exec($"{nameof(accept)}(datetime.timedelta(minutes=90))");
            }
            Assert.AreEqual(TimeSpan.FromMinutes(90), restored);

            using (var scope = Py.CreateScope())
            {
                scope.Set("span", TimeSpan.FromSeconds(30));
                using var seconds = scope.Eval("span.total_seconds()");
                Assert.AreEqual(30.0, seconds.As<double>());
            }
        }
    }
}
