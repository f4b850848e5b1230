using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Throttle;

public sealed class ThrottleMiddleware
{
    readonly RequestDelegate _next;
    readonly KeyedLimiter<string> _lim;

    public ThrottleMiddleware(RequestDelegate next, KeyedLimiter<string> lim)
    {
        _next = next;
        _lim = lim;
    }

    public async Task InvokeAsync(HttpContext ctx)
    {
        var key = ctx.Request.Headers.TryGetValue("X-Api-Key", out var k) && !string.IsNullOrEmpty(k)
            ? "k:" + k
            : "ip:" + ctx.Connection.RemoteIpAddress;
        var cost = HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method) ? 1 : 5;
        var (ok, wait) = _lim.Check(key, cost);
        if (ok)
        {
            await _next(ctx);
            return;
        }
        ctx.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        ctx.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await ctx.Response.WriteAsJsonAsync(new { error = "rate_limited", retryAfterMs = (int)wait.TotalMilliseconds });
    }
}

public static class ThrottleExtensions
{
    public static IApplicationBuilder UseThrottle(this IApplicationBuilder app, LimitRule anon, LimitRule keyed)
    {
        var lim = new KeyedLimiter<string>(k => k.StartsWith("k:", StringComparison.Ordinal) ? keyed : anon, TimeSpan.FromMinutes(10));
        var life = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>();
        _ = Task.Run(async () =>
        {
            using var t = new PeriodicTimer(TimeSpan.FromMinutes(1));
            try { while (await t.WaitForNextTickAsync(life.ApplicationStopping)) lim.Sweep(); }
            catch (OperationCanceledException) { }
        });
        return app.UseMiddleware<ThrottleMiddleware>(lim);
    }
}
