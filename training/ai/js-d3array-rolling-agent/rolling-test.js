import assert from "assert";
import {rollingMean, rollingSum} from "../src/index.js";

it("rollingSum(values, k) returns the sum of each trailing window of k values", () => {
  assert.deepStrictEqual(rollingSum([1, 2, 3, 4, 5], 2), Float64Array.of(NaN, 3, 5, 7, 9));
  assert.deepStrictEqual(rollingSum([1, 2, 3, 4, 5], 3), Float64Array.of(NaN, NaN, 6, 9, 12));
});

it("rollingSum(values, 1) returns the values", () => {
  assert.deepStrictEqual(rollingSum([4, -1, 0.5], 1), Float64Array.of(4, -1, 0.5));
});

it("rollingSum(values, k) returns NaN everywhere if k is greater than the number of values", () => {
  assert.deepStrictEqual(rollingSum([1, 2], 3), Float64Array.of(NaN, NaN));
  assert.deepStrictEqual(rollingSum([], 3), Float64Array.of());
});

it("rollingSum(values, k) ignores null, undefined and NaN", () => {
  assert.deepStrictEqual(rollingSum([1, null, 3, NaN, undefined, 6], 2), Float64Array.of(NaN, 1, 3, 3, NaN, 6));
});

it("rollingSum(values, k) coerces values to numbers", () => {
  assert.deepStrictEqual(rollingSum(["1", "2", "3"], 2), Float64Array.of(NaN, 3, 5));
  assert.deepStrictEqual(rollingSum([true, true, false], 2), Float64Array.of(NaN, 2, 1));
});

it("rollingSum(values, k) floors k", () => {
  assert.deepStrictEqual(rollingSum([1, 2, 3], 2.9), Float64Array.of(NaN, 3, 5));
});

it("rollingSum(values, k) throws a RangeError if k is not positive", () => {
  assert.throws(() => rollingSum([1, 2], 0), RangeError);
  assert.throws(() => rollingSum([1, 2], -1), RangeError);
  assert.throws(() => rollingSum([1, 2], 0.5), RangeError);
  assert.throws(() => rollingSum([1, 2], NaN), RangeError);
  assert.throws(() => rollingSum([1, 2]), RangeError);
});

it("rollingSum(values, k) accepts an iterable", () => {
  assert.deepStrictEqual(rollingSum(new Set([1, 2, 3]), 2), Float64Array.of(NaN, 3, 5));
  assert.deepStrictEqual(rollingSum((function*() { yield* [5, 5, 5]; })(), 3), Float64Array.of(NaN, NaN, 15));
});

it("rollingSum(values, k, f) uses the specified accessor", () => {
  assert.deepStrictEqual(rollingSum([{v: 1}, {v: 2}, {v: 4}], 2, d => d.v), Float64Array.of(NaN, 3, 6));
});

it("rollingSum(values, k, f) passes the accessor d, i and values", () => {
  const calls = [];
  const values = [{v: 1}, {v: 2}];
  rollingSum(values, 2, function() { calls.push([this, ...arguments]); });
  assert.deepStrictEqual(calls, [[undefined, values[0], 0, values], [undefined, values[1], 1, values]]);
});

it("rollingMean(values, k) returns the mean of each trailing window of k values", () => {
  assert.deepStrictEqual(rollingMean([2, 4, 6, 8], 2), Float64Array.of(NaN, 3, 5, 7));
  assert.deepStrictEqual(rollingMean([1, 1, 1, 4], 4), Float64Array.of(NaN, NaN, NaN, 1.75));
});

it("rollingMean(values, k) divides by the number of valid values in the window", () => {
  assert.deepStrictEqual(rollingMean([2, null, 4, NaN, NaN, 8], 3), Float64Array.of(NaN, NaN, 3, 4, 4, 8));
});

it("rollingMean(values, k) returns NaN for windows without valid values", () => {
  assert.deepStrictEqual(rollingMean([1, NaN, NaN, 3], 2), Float64Array.of(NaN, 1, NaN, 3));
});

it("rollingMean(values, k) does not accumulate error after a gap", () => {
  const values = [0.1, 0.2, 0.3, NaN, NaN, 5, 5];
  assert.deepStrictEqual(rollingMean(values, 2).slice(-1), Float64Array.of(5));
});

it("rollingMean(values, k, f) uses the specified accessor", () => {
  assert.deepStrictEqual(rollingMean(["a", "bb", "cccc"], 2, d => d.length), Float64Array.of(NaN, 1.5, 3));
});
