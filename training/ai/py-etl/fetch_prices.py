import asyncio
import json
import time
from typing import Any

import aiohttp

API_URL = "https://api.example.com/v1/prices/{symbol}"
MAX_CONCURRENT_REQUESTS = 5
MAX_RETRIES = 3


async def fetch_price(session: aiohttp.ClientSession, symbol: str, semaphore: asyncio.Semaphore) -> dict[str, Any]:
    """Fetch the latest price for a symbol, retrying with exponential backoff."""
    url = API_URL.format(symbol=symbol)

    async with semaphore:
        for attempt in range(1, MAX_RETRIES + 1):
            try:
                async with session.get(url, timeout=aiohttp.ClientTimeout(total=10)) as response:
                    # Retry on rate limiting and server errors
                    if response.status == 429 or response.status >= 500:
                        raise aiohttp.ClientResponseError(
                            response.request_info, response.history, status=response.status
                        )
                    response.raise_for_status()
                    data = await response.json()
                    return {"symbol": symbol, "price": data["price"], "ok": True}
            except (aiohttp.ClientError, asyncio.TimeoutError) as e:
                if attempt == MAX_RETRIES:
                    return {"symbol": symbol, "error": str(e), "ok": False}
                wait_time = 2 ** attempt
                print(f"⚠️  {symbol}: attempt {attempt} failed ({e}), retrying in {wait_time}s...")
                await asyncio.sleep(wait_time)

    return {"symbol": symbol, "error": "unreachable", "ok": False}


async def fetch_all(symbols: list[str]) -> list[dict[str, Any]]:
    """Fetch prices for all symbols concurrently, limited by a semaphore."""
    semaphore = asyncio.Semaphore(MAX_CONCURRENT_REQUESTS)
    async with aiohttp.ClientSession() as session:
        tasks = [fetch_price(session, symbol, semaphore) for symbol in symbols]
        return await asyncio.gather(*tasks)


def summarize(results: list[dict[str, Any]]) -> None:
    """Print a short summary of successes and failures."""
    succeeded = [r for r in results if r["ok"]]
    failed = [r for r in results if not r["ok"]]

    print(f"\n✅ Fetched {len(succeeded)} prices")
    for result in succeeded:
        print(f"   {result['symbol']:<8} {result['price']:>12.2f}")

    if failed:
        print(f"\n❌ {len(failed)} symbols failed:")
        for result in failed:
            print(f"   {result['symbol']}: {result['error']}")


# Example usage
if __name__ == "__main__":
    symbols = ["AAPL", "MSFT", "GOOGL", "AMZN", "NVDA", "META", "TSLA"]

    start = time.perf_counter()
    results = asyncio.run(fetch_all(symbols))
    elapsed = time.perf_counter() - start

    summarize(results)
    print(f"\nCompleted in {elapsed:.2f} seconds")

    with open("prices.json", "w") as f:
        json.dump(results, f, indent=2)
