  it("honours Retry-After on 429 before retrying", async () => {
    vi.useFakeTimers();
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(new Response(null, { status: 429, headers: { "Retry-After": "2" } }))
      .mockResolvedValueOnce(new Response("ok", { status: 200 }));

    const pending = fetchWithRetry("https://api.test/items", { fetch: fetchMock });

    await vi.advanceTimersByTimeAsync(1999);
    expect(fetchMock).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(1);
    const res = await pending;
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(await res.text()).toBe("ok");
    vi.useRealTimers();
  });
