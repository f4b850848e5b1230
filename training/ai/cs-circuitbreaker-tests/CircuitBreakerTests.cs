using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Resilience;
using Xunit;

namespace Resilience.Tests
{
    public class CircuitBreakerTests
    {
        private sealed class FakeClock
        {
            public DateTimeOffset Now { get; private set; } = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
            public void Advance(TimeSpan by) => Now += by;
        }

        private readonly FakeClock _clock = new FakeClock();

        private CircuitBreaker CreateBreaker(int threshold = 3, int openSeconds = 30) =>
            new CircuitBreaker(threshold, TimeSpan.FromSeconds(openSeconds), () => _clock.Now);

        private static Task Fail() => Task.FromException(new InvalidOperationException("boom"));

        private static async Task TripAsync(CircuitBreaker breaker, int times)
        {
            for (var i = 0; i < times; i++)
            {
                await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(Fail));
            }
        }

        [Fact]
        public void NewBreaker_StartsClosed()
        {
            var breaker = CreateBreaker();

            Assert.Equal(CircuitState.Closed, breaker.State);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        public void Constructor_RejectsNonPositiveThreshold(int threshold)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new CircuitBreaker(threshold, TimeSpan.FromSeconds(1)));
        }

        [Fact]
        public void Constructor_RejectsZeroOpenDuration()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new CircuitBreaker(1, TimeSpan.Zero));
        }

        [Fact]
        public async Task ExecuteAsync_ReturnsResult_WhenActionSucceeds()
        {
            var breaker = CreateBreaker();

            var result = await breaker.ExecuteAsync(() => Task.FromResult(42));

            Assert.Equal(42, result);
            Assert.Equal(CircuitState.Closed, breaker.State);
        }

        [Fact]
        public async Task ExecuteAsync_ThrowsOnNullAction()
        {
            var breaker = CreateBreaker();

            await Assert.ThrowsAsync<ArgumentNullException>(() => breaker.ExecuteAsync<int>(null!));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(5)]
        public async Task Opens_AfterThresholdConsecutiveFailures(int threshold)
        {
            var breaker = CreateBreaker(threshold);

            await TripAsync(breaker, threshold - 1);
            Assert.Equal(CircuitState.Closed, breaker.State);

            await TripAsync(breaker, 1);
            Assert.Equal(CircuitState.Open, breaker.State);
        }

        [Fact]
        public async Task Success_ResetsFailureCount()
        {
            var breaker = CreateBreaker(threshold: 3);

            await TripAsync(breaker, 2);
            await breaker.ExecuteAsync(() => Task.CompletedTask);
            await TripAsync(breaker, 2);

            Assert.Equal(CircuitState.Closed, breaker.State);
        }

        [Fact]
        public async Task OpenCircuit_RejectsCallsWithoutInvokingAction()
        {
            var breaker = CreateBreaker(threshold: 1);
            await TripAsync(breaker, 1);
            var invoked = false;

            var ex = await Assert.ThrowsAsync<CircuitOpenException>(() =>
                breaker.ExecuteAsync(() =>
                {
                    invoked = true;
                    return Task.CompletedTask;
                }));

            Assert.False(invoked);
            Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        }

        [Fact]
        public async Task OpenCircuit_ReportsRemainingTime()
        {
            var breaker = CreateBreaker(threshold: 1, openSeconds: 30);
            await TripAsync(breaker, 1);
            _clock.Advance(TimeSpan.FromSeconds(12));

            var ex = await Assert.ThrowsAsync<CircuitOpenException>(() => breaker.ExecuteAsync(() => Task.CompletedTask));

            Assert.Equal(TimeSpan.FromSeconds(18), ex.RetryAfter);
        }

        [Fact]
        public async Task AfterOpenDuration_SuccessfulProbeClosesCircuit()
        {
            var breaker = CreateBreaker(threshold: 1, openSeconds: 10);
            await TripAsync(breaker, 1);
            _clock.Advance(TimeSpan.FromSeconds(10));

            await breaker.ExecuteAsync(() => Task.CompletedTask);

            Assert.Equal(CircuitState.Closed, breaker.State);
        }

        [Fact]
        public async Task AfterOpenDuration_FailedProbeReopensImmediately()
        {
            var breaker = CreateBreaker(threshold: 3, openSeconds: 10);
            await TripAsync(breaker, 3);
            _clock.Advance(TimeSpan.FromSeconds(11));

            // A single failure in half-open state is enough, regardless of the threshold.
            await TripAsync(breaker, 1);

            Assert.Equal(CircuitState.Open, breaker.State);
        }

        [Fact]
        public async Task HalfOpen_AllowsOnlyOneProbeAtATime()
        {
            var breaker = CreateBreaker(threshold: 1, openSeconds: 5);
            await TripAsync(breaker, 1);
            _clock.Advance(TimeSpan.FromSeconds(5));
            var gate = new TaskCompletionSource<bool>();

            var probe = breaker.ExecuteAsync(() => gate.Task);
            Assert.Equal(CircuitState.HalfOpen, breaker.State);
            await Assert.ThrowsAsync<CircuitOpenException>(() => breaker.ExecuteAsync(() => Task.FromResult(true)));

            gate.SetResult(true);
            Assert.True(await probe);
            Assert.Equal(CircuitState.Closed, breaker.State);
        }

        [Fact]
        public async Task StateChanged_IsRaisedForEachTransition()
        {
            var breaker = CreateBreaker(threshold: 1, openSeconds: 1);
            var transitions = new List<(CircuitState From, CircuitState To)>();
            breaker.StateChanged += (from, to) => transitions.Add((from, to));

            await TripAsync(breaker, 1);
            _clock.Advance(TimeSpan.FromSeconds(1));
            await breaker.ExecuteAsync(() => Task.CompletedTask);

            Assert.Equal(
                new[]
                {
                    (CircuitState.Closed, CircuitState.Open),
                    (CircuitState.Open, CircuitState.HalfOpen),
                    (CircuitState.HalfOpen, CircuitState.Closed),
                },
                transitions);
        }

        [Fact]
        public async Task Reset_ClosesOpenCircuit()
        {
            var breaker = CreateBreaker(threshold: 1);
            await TripAsync(breaker, 1);

            breaker.Reset();

            Assert.Equal(CircuitState.Closed, breaker.State);
            Assert.Equal(7, await breaker.ExecuteAsync(() => Task.FromResult(7)));
        }

        [Fact]
        public async Task OriginalException_IsPropagatedUnchanged()
        {
            var breaker = CreateBreaker();
            var expected = new TimeoutException("slow");

            var actual = await Assert.ThrowsAsync<TimeoutException>(() =>
                breaker.ExecuteAsync(() => Task.FromException(expected)));

            Assert.Same(expected, actual);
        }
    }
}
