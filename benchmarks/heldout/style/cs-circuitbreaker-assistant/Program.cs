using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>
    /// A small self-checking walkthrough of the circuit breaker. It uses a fake clock so the
    /// whole scenario runs instantly and deterministically. Exit code 0 means every check passed.
    /// </summary>
    public static class Program
    {
        private static int _failures;

        public static int Main()
        {
            try
            {
                RunAsync().GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Unexpected exception: {ex}");
                return 2;
            }

            Console.WriteLine(_failures == 0 ? "All checks passed." : $"{_failures} check(s) failed.");
            return _failures == 0 ? 0 : 1;
        }

        private static async Task RunAsync()
        {
            // A controllable clock: advance it by assigning to 'now'.
            DateTimeOffset now = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var transitions = new List<string>();

            var breaker = new CircuitBreaker(new CircuitBreakerOptions
            {
                FailureThreshold = 3,
                BreakDuration = TimeSpan.FromSeconds(10),
                SuccessThreshold = 2,
                Clock = () => now,
                // Treat argument errors as caller bugs, not as signs that the service is unhealthy.
                ShouldHandle = ex => !(ex is ArgumentException) && !(ex is OperationCanceledException),
            });
            breaker.StateChanged += (sender, e) => transitions.Add($"{e.Previous}->{e.Current}");

            Func<int> fail = () => { throw new InvalidOperationException("service unavailable"); };
            Func<int> ok = () => 42;

            Console.WriteLine("1. Failures below the threshold keep the circuit closed");
            ExpectThrows<InvalidOperationException>(() => breaker.Execute(fail));
            ExpectThrows<InvalidOperationException>(() => breaker.Execute(fail));
            Check(breaker.State == CircuitState.Closed, "still closed after 2 failures");
            Check(breaker.Execute(ok) == 42, "a success goes through");
            Check(breaker.ConsecutiveFailures == 0, "a success resets the failure count");

            Console.WriteLine("2. Unhandled exception types are ignored");
            ExpectThrows<ArgumentException>(() => breaker.Execute<int>(() => { throw new ArgumentException("bad id"); }));
            Check(breaker.ConsecutiveFailures == 0, "ArgumentException did not count");

            Console.WriteLine("3. Reaching the threshold opens the circuit");
            for (int i = 0; i < 3; i++)
            {
                ExpectThrows<InvalidOperationException>(() => breaker.Execute(fail));
            }

            Check(breaker.State == CircuitState.Open, "open after 3 consecutive failures");
            bool called = false;
            var broken = ExpectThrows<CircuitBrokenException>(() => breaker.Execute(() => { called = true; return 1; }));
            Check(!called, "the action was not invoked while open");
            Check(broken != null && broken.RetryAfter == TimeSpan.FromSeconds(10), "RetryAfter reports the full break");
            Check(broken != null && broken.InnerException is InvalidOperationException, "the last failure is attached");

            Console.WriteLine("4. After the break, a failed trial re-opens the circuit");
            now = now.AddSeconds(10);
            Check(breaker.State == CircuitState.HalfOpen, "reported as half-open once the break elapses");
            ExpectThrows<InvalidOperationException>(() => breaker.Execute(fail));
            Check(breaker.State == CircuitState.Open, "open again after a failed trial");

            Console.WriteLine("5. Only one trial at a time while half-open");
            now = now.AddSeconds(10);
            var gate = new TaskCompletionSource<int>();
            Task<int> trial = breaker.ExecuteAsync(ct => gate.Task);
            ExpectThrows<CircuitBrokenException>(() => breaker.Execute(ok));
            gate.SetResult(7);
            Check(await trial == 7, "the trial call completed");
            Check(breaker.State == CircuitState.HalfOpen, "one success is not enough (SuccessThreshold = 2)");
            Check(await breaker.ExecuteAsync(ct => Task.FromResult(8)) == 8, "second trial succeeds");
            Check(breaker.State == CircuitState.Closed, "closed after two successful trials");

            Console.WriteLine("6. Cancellation does not trip the breaker");
            using (var cts = new CancellationTokenSource())
            {
                cts.Cancel();
                for (int i = 0; i < 5; i++)
                {
                    await ExpectThrowsAsync<OperationCanceledException>(
                        () => breaker.ExecuteAsync(ct => Task.Delay(1000, ct), cts.Token));
                }
            }

            Check(breaker.State == CircuitState.Closed, "still closed after repeated cancellations");

            Console.WriteLine("7. Manual control");
            breaker.Trip();
            Check(breaker.State == CircuitState.Open, "Trip() opens the circuit");
            breaker.Reset();
            Check(breaker.State == CircuitState.Closed, "Reset() closes it");

            string expected = "Closed->Open,Open->HalfOpen,HalfOpen->Open,Open->HalfOpen,HalfOpen->Closed,Closed->Open,Open->Closed";
            Check(string.Join(",", transitions) == expected, "StateChanged saw every transition in order");

            Console.WriteLine("8. Invalid options are rejected with a clear message");
            var invalid = ExpectThrows<ArgumentOutOfRangeException>(
                () => new CircuitBreaker(new CircuitBreakerOptions { FailureThreshold = 0 }));
            Check(invalid != null && invalid.ParamName == "FailureThreshold", "ParamName identifies the bad option");
        }

        private static void Check(bool condition, string description)
        {
            Console.WriteLine($"   [{(condition ? "ok" : "FAIL")}] {description}");
            if (!condition)
            {
                _failures++;
            }
        }

        private static TException ExpectThrows<TException>(Action action)
            where TException : Exception
        {
            try
            {
                action();
            }
            catch (TException ex)
            {
                return ex;
            }
            catch (Exception ex)
            {
                Check(false, $"expected {typeof(TException).Name} but got {ex.GetType().Name}: {ex.Message}");
                return null;
            }

            Check(false, $"expected {typeof(TException).Name} but nothing was thrown");
            return null;
        }

        private static async Task ExpectThrowsAsync<TException>(Func<Task> action)
            where TException : Exception
        {
            try
            {
                await action();
            }
            catch (TException)
            {
                return;
            }

            Check(false, $"expected {typeof(TException).Name} but nothing was thrown");
        }
    }
}
