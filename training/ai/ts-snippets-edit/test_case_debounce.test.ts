  it("only calls the callback once for rapid calls", () => {
    jest.useFakeTimers();
    const callback = jest.fn();
    const debounced = debounce(callback, 200);

    debounced("a");
    debounced("b");
    debounced("c");
    jest.advanceTimersByTime(199);
    expect(callback).not.toHaveBeenCalled();

    jest.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledWith("c");
  });
