using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace Caching;

public record Geo(
    [property: JsonPropertyName("country")] string Country,
    [property: JsonPropertyName("city")] string? City,
    [property: JsonPropertyName("lat")] double Lat,
    [property: JsonPropertyName("lon")] double Lon);

public sealed class GeoClient : IDisposable
{
    static readonly Geo Unknown = new("??", null, 0, 0);

    readonly HttpClient _http;
    readonly TtlCache<string, Geo> _cache;
    readonly SemaphoreSlim _gate;

    public GeoClient(HttpClient http, int maxConcurrent = 8)
    {
        _http = http;
        _cache = new TtlCache<string, Geo>(TimeSpan.FromHours(6), 50_000, TimeSpan.FromMinutes(5));
        _gate = new SemaphoreSlim(maxConcurrent);
    }

    public Task<Geo> Lookup(string ip, CancellationToken ct = default)
    {
        if (!IPAddress.TryParse(ip, out var a)) throw new ArgumentException($"bad ip: {ip}", nameof(ip));
        if (IsPrivate(a)) return Task.FromResult(Unknown);
        return _cache.GetOrAdd(a.ToString(), Fetch, ct);
    }

    async Task<Geo> Fetch(string ip, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            for (var i = 0; ; i++)
            {
                using var res = await _http.GetAsync($"v1/ip/{ip}", ct).ConfigureAwait(false);
                if (res.StatusCode == HttpStatusCode.NotFound) return Unknown;
                if ((int)res.StatusCode is 429 or >= 500 && i < 3)
                {
                    var wait = res.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(200 * (1 << i));
                    await Task.Delay(wait, ct).ConfigureAwait(false);
                    continue;
                }
                res.EnsureSuccessStatusCode();
                return await res.Content.ReadFromJsonAsync<Geo>(cancellationToken: ct).ConfigureAwait(false) ?? Unknown;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    static bool IsPrivate(IPAddress a)
    {
        if (IPAddress.IsLoopback(a)) return true;
        if (a.IsIPv6LinkLocal || a.IsIPv6SiteLocal) return true;
        var b = a.MapToIPv4().GetAddressBytes();
        if (a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !a.IsIPv4MappedToIPv6) return false;
        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] < 128);
    }

    public void Dispose()
    {
        _cache.Dispose();
        _gate.Dispose();
    }
}
