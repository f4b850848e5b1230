async def fetch_with_timeout(client, url: str, timeout: float = 5.0) -> bytes | None:
    try:
        async with asyncio.timeout(timeout):
            resp = await client.get(url)
            resp.raise_for_status()
            return await resp.read()
    except TimeoutError:
        logger.warning("timed out after %.1fs fetching %s", timeout, url)
        return None
